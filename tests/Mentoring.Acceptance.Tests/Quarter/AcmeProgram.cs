using System.Globalization;
using System.Text;

namespace Mentoring.Acceptance.Tests.Quarter;

internal sealed record Person(string Id, string Name, string Role, string TimeZone)
{
    public string Email => Id + "@acme.example";

    public string FirstName => Name.Split(' ')[0];

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

internal sealed record PairOf(string Id, Person Mentor, Person Mentee)
{
    public IEnumerable<Person> People => [Mentor, Mentee];
}

/// <summary>The program the quarter plays: 20 people in 10 pairs across Berlin, New York and Bengaluru.</summary>
internal static class AcmeProgram
{
    public const string Id = "acme-eng";
    public const string Name = "Acme Engineering Mentoring";
    public const string Goal = "Cut the time a new engineer needs to ship on their own from six months to three.";
    public const string SponsorName = "Dana Whitfield";
    public const string SponsorRole = "Chief Technology Officer";
    public const string SponsorWords = "Every hour a senior engineer spends mentoring comes back to us as weeks of work we don't have to redo.";
    public const string SponsorEmail = "dana.whitfield@acme.example";
    public const string Admin = "hr.lead@acme.example";
    public const string TimeZone = "Europe/Berlin";
    public const string CycleId = "2027-q1";
    public const int CadenceDays = 14;

    /// <summary>The quarter starts on Monday 4 January 2027, 06:00 UTC; the cycle a week later, for twelve weeks.</summary>
    public static readonly DateTimeOffset Now = new(2027, 1, 4, 6, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset CycleStart = new(2027, 1, 11, 8, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset CycleEnd = new(2027, 4, 5, 8, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset CycleMiddle => CycleStart + ((CycleEnd - CycleStart) / 2);

    public static readonly PairOf[] Pairs =
    [
        Pair("p01", ("anna.berg", "Anna Berg", "Europe/Berlin"), ("tom.fischer", "Tom Fischer", "Europe/Berlin")),
        Pair("p02", ("lukas.meyer", "Lukas Meyer", "Europe/Berlin"), ("sofia.klein", "Sofia Klein", "Europe/Berlin")),
        Pair("p03", ("julia.wagner", "Julia Wagner", "Europe/Berlin"), ("ben.schulz", "Ben Schulz", "Europe/Berlin")),
        Pair("p04", ("marta.nowak", "Marta Nowak", "Europe/Berlin"), ("omar.haddad", "Omar Haddad", "America/New_York")),
        Pair("p05", ("grace.miller", "Grace Miller", "America/New_York"), ("ethan.brooks", "Ethan Brooks", "America/New_York")),
        Pair("p06", ("olivia.chen", "Olivia Chen", "America/New_York"), ("noah.kim", "Noah Kim", "America/New_York")),
        Pair("p07", ("david.ortiz", "David Ortiz", "America/New_York"), ("aisha.rahman", "Aisha Rahman", "Asia/Kolkata")),
        Pair("p08", ("arjun.mehta", "Arjun Mehta", "Asia/Kolkata"), ("kavya.iyer", "Kavya Iyer", "Asia/Kolkata")),
        Pair("p09", ("rohan.das", "Rohan Das", "Asia/Kolkata"), ("neha.sharma", "Neha Sharma", "Asia/Kolkata")),
        Pair("p10", ("vikram.rao", "Vikram Rao", "Asia/Kolkata"), ("leena.joshi", "Leena Joshi", "Asia/Kolkata")),
    ];

    public static IEnumerable<Person> People => Pairs.SelectMany(p => p.People);

    public static PairOf PairNamed(string id) => Pairs.Single(p => p.Id == id);

    public static Person PersonWith(string email) => People.Single(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));

    public static object Body => new
    {
        id = Id,
        name = Name,
        businessGoal = Goal,
        timeZone = TimeZone,
        admins = new[] { Admin },
        sponsorName = SponsorName,
        sponsorRole = SponsorRole,
        sponsorWords = SponsorWords,
        sponsorEmail = SponsorEmail,
        cadenceDays = CadenceDays,
        policy = new { campaign = new { preMeetingReminders = true } },
    };

    public static object Cycle => new { id = CycleId, start = CycleStart, end = CycleEnd, current = true };

    public static string ParticipantsCsv()
    {
        var csv = new StringBuilder("id,name,email,role,timeZone,managerEmail,managerNotesConsent\n");
        foreach (var person in People)
            csv.Append(CultureInfo.InvariantCulture, $"{person.Id},{person.Name},{person.Email},{person.Role},{person.TimeZone},,false\n");
        return csv.ToString();
    }

    public static string PairsCsv()
    {
        var csv = new StringBuilder("id,mentorId,menteeId,cycleId,startedAt\n");
        foreach (var pair in Pairs)
            csv.Append(CultureInfo.InvariantCulture, $"{pair.Id},{pair.Mentor.Id},{pair.Mentee.Id},{CycleId},{CycleStart:yyyy-MM-ddTHH:mm:ssZ}\n");
        return csv.ToString();
    }

    private static PairOf Pair(string id, (string Id, string Name, string Zone) mentor, (string Id, string Name, string Zone) mentee) =>
        new(id, new Person(mentor.Id, mentor.Name, "mentor", mentor.Zone), new Person(mentee.Id, mentee.Name, "mentee", mentee.Zone));
}
