using System.Diagnostics;
using System.Text;
using Mentoring.Application.Ingest.Connections;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars.Support;

/// <summary>
/// Feeds built to hurt a reader, served the way a hostile or broken server would: huge (chunked, past the cap), deep,
/// binary, far-future, never-ending rule, a 2 MB folded property, and a drip that never ends. Used by the poll timer's
/// tests and the connect route's.
/// </summary>
internal static class AdversarialFeeds
{
    public static string Calendar(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", .. lines, "END:VCALENDAR", string.Empty]);

    public static string Event(params string[] lines) =>
        Calendar(["BEGIN:VEVENT", "UID:adversarial", "DTSTART:20250324T100000Z", "DURATION:PT1H", "DTSTAMP:20250301T000000Z", .. lines, "END:VEVENT"]);

    /// <summary>The feeds served whole.</summary>
    public static string Text(string feed) => feed switch
    {
        "deep" => Calendar([.. Enumerable.Repeat("BEGIN:X-NEST", 50), .. Enumerable.Repeat("END:X-NEST", 50)]),
        "never-ending-rule" => Event("RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"),
        "far-future" => Event("LAST-MODIFIED:99991231T235959Z"),
        "folded-2mb" => Event(Folded("DESCRIPTION:", 2_000_000)),
        _ => throw new ArgumentOutOfRangeException(nameof(feed)),
    };

    public static async Task ServeAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/calendar";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>Serves <paramref name="feed"/>; for the drip, <paramref name="hungUp"/> learns how long the reader stayed.</summary>
    public static async Task ServeAsync(string feed, HttpContext context, TaskCompletionSource<TimeSpan>? hungUp = null)
    {
        context.Response.ContentType = "text/calendar";
        switch (feed)
        {
            case "huge": // chunked, no Content-Length: cut while it arrives
                var line = new string('X', 1023) + "\n";
                for (var i = 0; i < (IcsFeedPoller.MaxFeedBytes / 1024) + 64 && !context.RequestAborted.IsCancellationRequested; i++)
                    await context.Response.WriteAsync(line, context.RequestAborted);
                break;
            case "binary":
                var bytes = new byte[64 * 1024];
                new Random(7).NextBytes(bytes);
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                break;
            case "drip": // a body that never ends, a few bytes at a time
                var served = Stopwatch.StartNew();
                try
                {
                    await context.Response.WriteAsync("BEGIN:VCALENDAR\r\n", context.RequestAborted);
                    while (!context.RequestAborted.IsCancellationRequested)
                    {
                        await context.Response.WriteAsync("X-DRIP:1\r\n", context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(200, context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // the reader hung up
                }
                finally
                {
                    hungUp?.TrySetResult(served.Elapsed);
                }

                break;
            default:
                await ServeAsync(context, Text(feed));
                break;
        }
    }

    private static string Folded(string name, int length)
    {
        var folded = new StringBuilder(name);
        for (var i = 0; i < length / 74; i++)
            folded.Append(i == 0 ? string.Empty : "\r\n ").Append('x', 74);
        return folded.ToString();
    }
}
