using System.Runtime.Serialization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Calendars.Ics;

/// <summary>
/// An iCalendar file (a feed, an export, or a run of iTIP messages) read as one pair's meeting history.
/// <see cref="Parse"/> reads and checks it; <see cref="ToLedger"/> turns it into normalised changes.
/// </summary>
public sealed class IcsHistory
{
    private static readonly HashSet<string> AttendeeMethods = new(["REPLY", "COUNTER", "REFRESH", "DECLINECOUNTER"], StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyList<EventVersion> _versions;

    private IcsHistory(IReadOnlyList<EventVersion> versions) => _versions = versions;

    /// <summary>The latest instant any component says it was created or changed; null for a file without events.</summary>
    public DateTimeOffset? LastChangeAt =>
        _versions.SelectMany(v => new[] { v.ModifiedAt, v.CreatedAt }).Max();

    /// <summary>The earliest start any component names; null for a file without events.</summary>
    public DateTimeOffset? FirstStartAt => _versions.Where(v => v.StartKnown).Select(v => (DateTimeOffset?)(v.RecurrenceSlot ?? v.Start)).Min();

    /// <summary>The zone the first series or meeting written with a TZID is in, if any: a fair guess for the pair's zone.</summary>
    public TimeZoneInfo? Zone =>
        _versions.Where(v => v.StartZoneId is not null).OrderBy(v => v.RecurrenceSlot is null ? 0 : 1).ThenBy(v => v.Index)
            .Select(v => v.StartZone).FirstOrDefault();

    public int EventCount => _versions.Count;

    /// <summary>Reads the text; floating times are taken to be in <paramref name="defaultZone"/> (UTC if none).</summary>
    /// <exception cref="HistoryFormatException">The text is not a calendar this reader can use; the message names the line and component.</exception>
    public static IcsHistory Parse(string text, TimeZoneInfo? defaultZone = null)
    {
        var raw = IcsRawScanner.Scan(text);
        IList<Calendar> calendars;
        try
        {
            calendars = Calendar.Load<Calendar>(text);
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new HistoryFormatException(null, "VCALENDAR", "Ical.Net could not read the file: " + e.Message, e);
        }

        var zones = new IcsZones(defaultZone ?? TimeZoneInfo.Utc, calendars.SelectMany(c => c.TimeZones));
        var versions = new List<EventVersion>();
        var index = 0;
        foreach (var calendar in calendars)
        {
            foreach (var component in calendar.Events)
            {
                if (index >= raw.Count)
                    throw new HistoryFormatException(null, "VEVENT", "the file's events could not be matched to their lines.");
                var rawEvent = raw[index++];
                if (calendar.Method is { } method && AttendeeMethods.Contains(method))
                    continue; // an attendee's answer does not change the meeting
                versions.Add(ParseEvent(component, rawEvent, calendar.Method, zones));
            }
        }

        return new IcsHistory(versions);
    }

    private static EventVersion ParseEvent(CalendarEvent component, RawEvent raw, string? method, IcsZones zones)
    {
        try
        {
            return IcsEventParser.Parse(component, raw, method, zones);
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new HistoryFormatException(raw.Line, "VEVENT", "Ical.Net could not read the event: " + e.Message, e);
        }
    }

    /// <summary>The pair's ledger: every occurrence scheduled, moved and cancelled, as the file tells it.</summary>
    public IReadOnlyList<LedgerChange> ToLedger(IcsLedgerOptions options) => new IcsLedgerBuilder(options).Build(_versions);
}
