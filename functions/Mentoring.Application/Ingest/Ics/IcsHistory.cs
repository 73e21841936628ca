using System.Runtime.Serialization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// An iCalendar file (a feed, an export, or a run of iTIP messages) read as one pair's meeting history.
/// <see cref="Parse"/> reads and checks it; <see cref="ToLedger"/> turns it into normalised changes.
/// </summary>
public sealed class IcsHistory
{
    private static readonly HashSet<string> AttendeeMethods = new(["REPLY", "COUNTER", "REFRESH", "DECLINECOUNTER"], StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyList<EventVersion> _versions;

    private readonly HistoryBudget _budget;

    private IcsHistory(IReadOnlyList<EventVersion> versions, HistoryBudget budget)
    {
        _versions = versions;
        _budget = budget;
    }

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
    /// <param name="text">The calendar.</param>
    /// <param name="defaultZone">The zone of floating times.</param>
    /// <param name="budget">Limits, time budget and cancellation, kept for <see cref="Read"/>; the file limits if none.</param>
    /// <exception cref="HistoryFormatException">The text is not a calendar this reader can use, or passes a limit; the message names the line and component.</exception>
    /// <exception cref="OperationCanceledException">The budget's token was cancelled.</exception>
    public static IcsHistory Parse(string text, TimeZoneInfo? defaultZone = null, HistoryBudget? budget = null)
    {
        budget ??= HistoryBudget.ForFile();
        var zones = new IcsZones(defaultZone ?? TimeZoneInfo.Utc);
        if (ZonesFollowEvents(text))
        {
            // A VTIMEZONE written after the events that use it: read the file's zones in a first pass.
            foreach (var component in IcsRawScanner.Scan(text, budget).Where(c => c.Event is null))
                Define(zones, component);
        }

        var versions = new List<EventVersion>();
        var index = 0;
        foreach (var component in IcsRawScanner.Scan(text, budget))
        {
            if (component.Event is not { } rawEvent)
            {
                Define(zones, component);
                continue;
            }

            rawEvent.Index = index++;
            budget.Check(rawEvent.Line, "VEVENT");
            if (rawEvent.Method is { } method && AttendeeMethods.Contains(method))
                continue; // an attendee's answer does not change the meeting
            var fields = FastEventFields.TryRead(rawEvent) ?? EventFields.From(Load(component));
            versions.Add(ParseEvent(fields, rawEvent, rawEvent.Method, zones));
        }

        return new IcsHistory(versions, budget);
    }

    private static bool ZonesFollowEvents(string text)
    {
        var firstEvent = text.IndexOf("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase);
        return firstEvent >= 0 && text.IndexOf("BEGIN:VTIMEZONE", firstEvent, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>A VTIMEZONE, by its TZID, to be loaded if an event needs it.</summary>
    private static void Define(IcsZones zones, IcsComponent component)
    {
        if (IcsRawScanner.ZoneIdOf(component.Where) is { } tzId)
            zones.Define(tzId, () => LoadZone(component));
    }

    /// <summary>One VTIMEZONE loaded by Ical.Net on its own (the zones are few and small).</summary>
    private static VTimeZone? LoadZone(IcsComponent component)
    {
        try
        {
            return Calendar.Load("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + component.Text + "END:VCALENDAR\r\n")?.TimeZones.FirstOrDefault();
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new HistoryFormatException(component.Line, "VTIMEZONE", "Ical.Net could not read the time zone: " + e.Message, e);
        }
    }

    /// <summary>One VEVENT loaded by Ical.Net on its own.</summary>
    private static CalendarEvent Load(IcsComponent component)
    {
        try
        {
            var calendar = Calendar.Load("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + component.Text + "END:VCALENDAR\r\n");
            return calendar?.Events.SingleOrDefault() ??
                throw new HistoryFormatException(component.Line, "VEVENT", "Ical.Net read no event here.");
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new HistoryFormatException(component.Line, "VEVENT", "Ical.Net could not read the event: " + e.Message, e);
        }
    }

    private static EventVersion ParseEvent(EventFields component, RawEvent raw, string? method, IcsZones zones)
    {
        try
        {
            return IcsEventParser.Parse(component, raw, method, zones);
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new HistoryFormatException(raw.Line, "VEVENT", "Ical.Net could not read the event: " + e.Message, e);
        }
        catch (HistoryFormatException e) when (e.Line is null && e.Problem is not null)
        {
            throw new HistoryFormatException(raw.Line, e.Component ?? "VEVENT", e.Problem, e);
        }
    }

    /// <summary>The pair's ledger: every occurrence scheduled, moved and cancelled, as the file tells it.</summary>
    public IReadOnlyList<LedgerChange> ToLedger(IcsLedgerOptions options) => Read(options).Changes;

    /// <summary>The pair's ledger, with what lay outside the window read; within the budget <see cref="Parse"/> was given.</summary>
    /// <exception cref="HistoryFormatException">A series passes a limit or the time budget is spent.</exception>
    public IcsLedger Read(IcsLedgerOptions options) => new IcsLedgerBuilder(options, _budget).Build(_versions);
}
