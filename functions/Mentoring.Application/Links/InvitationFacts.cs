using System.Globalization;

namespace Mentoring.Application.Links;

/// <summary>What a booking did to its meeting, as the invitation tells it.</summary>
internal enum BookingChange
{
    Booked,
    Moved,
    Cancelled,
}

/// <summary>
/// A booking change as one participant's invitation row carries it (the decision's facts): enough to write the same
/// iCalendar object on every try — the UID is the decision's meeting id — and to say who made the change, as the reader
/// sees it ("self", "partner", or "" when nobody is known). No names or addresses: those are read when it is sent.
/// </summary>
internal sealed record InvitationFacts(BookingChange Change, DateTimeOffset Start, DateTimeOffset End, int Sequence, DateTimeOffset Stamp, string BookedBy)
{
    public const string BySelf = "self";
    public const string ByPartner = "partner";

    /// <summary>The iTIP method of the change: CANCEL to call it off, REQUEST to book or move it.</summary>
    public string Method => Change == BookingChange.Cancelled ? MeetingInvitation.Cancel : MeetingInvitation.Request;

    public int Minutes => (int)(End - Start).TotalMinutes;

    public IReadOnlyDictionary<string, string> ToFacts() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["bookedBy"] = BookedBy,
        ["change"] = Change.ToString().ToLowerInvariant(),
        ["meetingEnd"] = End.ToString("O", CultureInfo.InvariantCulture),
        ["meetingMinutes"] = Minutes.ToString(CultureInfo.InvariantCulture),
        ["meetingStart"] = Start.ToString("O", CultureInfo.InvariantCulture),
        ["sequence"] = Sequence.ToString(CultureInfo.InvariantCulture),
        ["stamp"] = Stamp.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>A meeting the reader's partner booked for two days on, as previews show it.</summary>
    public static IReadOnlyDictionary<string, string> Example(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(2).AddHours(9), TimeSpan.Zero);
        return new InvitationFacts(BookingChange.Booked, start, start.AddMinutes(30), 0, now, ByPartner).ToFacts();
    }

    public static InvitationFacts Of(IReadOnlyDictionary<string, string> facts)
    {
        string Fact(string key) => facts.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"An invitation without its {key}.");
        DateTimeOffset Instant(string key) => DateTimeOffset.Parse(Fact(key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new InvitationFacts(
            Enum.Parse<BookingChange>(Fact("change"), ignoreCase: true),
            Instant("meetingStart"),
            Instant("meetingEnd"),
            int.Parse(Fact("sequence"), CultureInfo.InvariantCulture),
            Instant("stamp"),
            facts.TryGetValue("bookedBy", out var by) ? by : "");
    }
}
