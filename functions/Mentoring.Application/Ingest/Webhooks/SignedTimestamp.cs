using System.Globalization;

namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>The ±5 minute window for providers that sign a timestamp.</summary>
internal static class SignedTimestamp
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Parses unix seconds and checks it is within the window around <paramref name="now"/>.</summary>
    public static string? Problem(string? unixSeconds, DateTimeOffset now)
    {
        if (!long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return "timestamp missing or not unix seconds";
        var skew = now.ToUnixTimeSeconds() - seconds;
        return Math.Abs(skew) > (long)Window.TotalSeconds ? "timestamp outside the 5 minute window" : null;
    }
}
