namespace Mentoring.Engine.Messages;

/// <summary>
/// The kinds of email a person can stop one by one: an unsubscribe link stops the kind of the email it came in, and its
/// page lets the person choose. The admin digest is none of them: it is the program's report to the people running it.
/// </summary>
[Flags]
public enum EmailKinds
{
    None = 0,

    /// <summary>Nudges, value reminders, escalations, and the thank-you that closes a ladder episode.</summary>
    Ladder = 1,

    /// <summary>The cycle's campaign: before launch, launch, book a first meeting, mid-cycle, close; the crunch note.</summary>
    Campaign = 2,

    /// <summary>The reminder before each booked meeting.</summary>
    MeetingReminders = 4,

    All = Ladder | Campaign | MeetingReminders,
}

/// <summary>The kinds' names, as links, forms, storage and the admin API spell them ("ladder", "campaign", "meeting-reminders").</summary>
public static class EmailKindNames
{
    /// <summary>Each single kind with its name, in the order pages list them.</summary>
    public static IReadOnlyList<(EmailKinds Kind, string Name)> Each { get; } =
    [
        (EmailKinds.Ladder, "ladder"),
        (EmailKinds.Campaign, "campaign"),
        (EmailKinds.MeetingReminders, "meeting-reminders"),
    ];

    public static string Name(EmailKinds kind)
    {
        foreach (var (k, name) in Each)
        {
            if (k == kind)
                return name;
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single kind.");
    }

    /// <summary>One kind by its name; false for anything else (case matters, whitespace does not count).</summary>
    public static bool TryParse(string? name, out EmailKinds kind)
    {
        foreach (var (k, n) in Each)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = EmailKinds.None;
        return false;
    }

    /// <summary>The single kinds in <paramref name="kinds"/>, by name.</summary>
    public static IReadOnlyList<string> Names(EmailKinds kinds) =>
        [.. Each.Where(e => (kinds & e.Kind) != 0).Select(e => e.Name)];

    /// <summary>A comma-separated list ("ladder,campaign"); "" for none.</summary>
    public static string Format(EmailKinds kinds) => string.Join(',', Names(kinds));

    /// <summary>The reverse of <see cref="Format"/>; names it does not know are ignored (a newer writer's kinds).</summary>
    public static EmailKinds Parse(string? list)
    {
        var kinds = EmailKinds.None;
        foreach (var part in (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParse(part, out var kind))
                kinds |= kind;
        }

        return kinds;
    }
}
