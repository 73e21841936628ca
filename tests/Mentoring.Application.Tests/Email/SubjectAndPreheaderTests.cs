using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// What the inbox shows before an email is opened: a subject of at most 60 characters (a phone cuts longer ones) that
/// says the point first, and a preheader that a phone and a desktop both show whole.
/// </summary>
/// <remarks>
/// The worst case we hold the subjects to: a 30-character program name, 12-character first names ("Maximilianus"),
/// three-digit day and meeting counts, four-digit program counts, 100 %, the longest dates ("Wednesday 30 September
/// 2026", "Mittwoch, 30. September 2026") and times ("10:00 AM"), in en-GB, en-US and de-DE (the German templates),
/// and every branch a subject has.
/// </remarks>
public sealed partial class SubjectAndPreheaderTests
{
    public const int MaxSubject = 60;

    /// <summary>Mobile clients show about 40 characters of preview, Gmail's desktop list about 90 to 110.</summary>
    public const int MinPreheader = 40;

    public const int MaxPreheader = 110;

    private const string LongProgramName = "Graduate Engineering Programme";

    public static TheoryData<string> AllTemplates() => TemplateRenderingTests.AllTemplates();

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Subject_LongestRealisticNamesAndNumbers_AtMost60Characters(string templateId)
    {
        var subjects = Variants(templateId, Longest).Select(m => EmailRenderer.Render(m).Subject).ToList();

        var longest = subjects.MaxBy(s => s.Length)!;
        Assert.True(longest.Length <= MaxSubject, $"{templateId}: {longest.Length} characters: {longest}");
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Subject_LeavesTheProgramToTheFromName_AndOpensWithThePoint(string templateId)
    {
        foreach (var model in Variants(templateId, Samples.For))
        {
            var subject = EmailRenderer.Render(model).Subject;
            Assert.DoesNotContain(Samples.Program.Name, subject, StringComparison.Ordinal);
            Assert.False(subject.StartsWith("Hi ", StringComparison.Ordinal) || subject.StartsWith("Hallo ", StringComparison.Ordinal), subject);
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Preheader_Present_BetweenFortyAndOneHundredTenCharacters(string templateId)
    {
        foreach (var build in new Func<string, string, string, EmailModel>[] { Samples.For, Longest, Shortest })
        {
            foreach (var model in Variants(templateId, build))
            {
                var preheader = Preheader(EmailRenderer.Render(model).Html);
                Assert.True(
                    preheader.Length is >= MinPreheader and <= MaxPreheader,
                    $"{templateId} ({model.Recipient.Role}, {model.Recipient.Culture}): {preheader.Length} characters: \"{preheader}\"");
            }
        }
    }

    [Fact]
    public void Preheader_IsReadFromTheHiddenBlock()
    {
        var html = EmailRenderer.Render(Samples.For(TemplateIds.PreMeetingReminder)).Html;

        Assert.Equal("Bring one real problem from this week's work.", Preheader(html));
    }

    [Fact]
    public void Preheader_German_IsTheGermanTemplates()
    {
        var html = EmailRenderer.Render(Samples.For(TemplateIds.PreMeetingReminder, "de-DE")).Html;

        Assert.Equal("Bringen Sie ein echtes Problem aus der Arbeit dieser Woche mit.", Preheader(html));
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Variants_CoverEveryLanguage(string templateId)
    {
        var languages = Variants(templateId, Samples.For).Select(m => EmailRenderer.Render(m).Language).ToHashSet();

        Assert.Equal(TemplateLibrary.Languages.Order(StringComparer.Ordinal), languages.Order(StringComparer.Ordinal));
    }

    /// <summary>Each culture whose words or formats change a subject's length: both English date orders, and German.</summary>
    private static readonly string[] Cultures = ["en-GB", "en-US", "de-DE"];

    /// <summary>The model in every shape that changes what a subject or preheader says.</summary>
    private static IEnumerable<EmailModel> Variants(string templateId, Func<string, string, string, EmailModel> build)
    {
        foreach (var culture in Cultures)
        {
            var model = build(templateId, culture, "America/Argentina/Buenos_Aires");
            yield return model;
            yield return model with { Facts = With(model.Facts, ("meetingsHeld", "0"), ("streak", "0"), ("lastMeetingAt", "")) };
            yield return model with { Attention = [] };
            if (templateId == TemplateIds.PreMeetingReminder)
            {
                foreach (var day in new[] { "today", "tomorrow", "later" })
                    yield return model with { Facts = With(model.Facts, ("meetingDay", day)) };
            }

            if (templateId == TemplateIds.MeetingInvitation)
            {
                foreach (var change in new[] { "booked", "moved", "cancelled" })
                {
                    foreach (var by in new[] { "self", "partner", "" })
                        yield return model with { Facts = With(model.Facts, ("change", change), ("bookedBy", by)) };
                }
            }

            if (templateId == TemplateIds.SponsorNote)
                yield return model with { Recipient = model.Recipient with { Role = RecipientRoles.Manager } };
        }
    }

    /// <summary>The longest a realistic email gets: see the class remarks.</summary>
    private static EmailModel Longest(string templateId, string culture, string zone)
    {
        var model = Samples.For(templateId, culture, zone);
        var facts = model.Facts.ToDictionary(f => f.Key, f => Largest(f.Key, f.Value), StringComparer.Ordinal);
        return model with
        {
            Facts = facts,
            Program = model.Program with { Name = LongProgramName },
            Pair = new EmailPair("Maximilianus", "Christabella"),
            Recipient = model.Recipient with { DisplayName = "Christabella Featherstonehaugh" },
            Numbers = new ProgramNumbers(9999, 9999, 9999, 9999, 9999, 9999, 9999),
            Attention = [.. Enumerable.Repeat(Samples.Attention[0], 20)],
        };
    }

    /// <summary>The shortest: two-letter names, every count 1.</summary>
    private static EmailModel Shortest(string templateId, string culture, string zone)
    {
        var model = Samples.For(templateId, culture, zone);
        var facts = model.Facts.ToDictionary(
            f => f.Key,
            f => int.TryParse(f.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? "1" : f.Value,
            StringComparer.Ordinal);
        facts["reason"] = "1 change less than a day before the meeting."; // the engine's shortest reason
        return model with
        {
            Facts = facts,
            Program = model.Program with { Name = "Go" },
            Pair = new EmailPair("Al", "Bo"),
            Recipient = model.Recipient with { DisplayName = "Al" },
            Numbers = new ProgramNumbers(1, 1, 1, 1, 1, 1, 1),
            Attention = [Samples.Attention[0]],
        };
    }

    private static string Largest(string key, string value)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            return "2026-09-30T12:00:00.0000000+00:00"; // Wednesday 30 September: the longest day and month names
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            return value;
        return key switch
        {
            "sharePercent" or "healthScore" => "100",
            "programActivePairs" or "programMeetingsHeld" or "activePairs" or "postponingPairs" => "9999",
            _ => "999",
        };
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> facts, params (string Key, string Value)[] changes)
    {
        var copy = facts.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (copy.ContainsKey(key))
                copy[key] = value;
        }

        return copy;
    }

    private static string Preheader(string html) =>
        WebUtility.HtmlDecode(HiddenBlock().Match(html).Groups[1].Value).Trim();

    [GeneratedRegex("<div style=\"display:none;[^\"]*\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex HiddenBlock();
}
