using System.Globalization;
using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;

namespace Mentoring.Tests.Email;

/// <summary>
/// "1 meetings", "every 1 days", "0 meetings — thank you", "1 Tage", "2 Paar": every number in every template, English
/// and German, agrees with its noun.
/// </summary>
public sealed partial class TemplateNumberAgreementTests
{
    public static TheoryData<string> AllTemplates() => TemplateRenderingTests.AllTemplates();

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void EveryNumberIsOne_NounsAreSingular(string templateId)
    {
        var content = EmailRenderer.Render(WithEveryNumber(Samples.For(templateId), 1));

        foreach (var (part, text) in Parts(content))
            Assert.False(PluralAfterOne().IsMatch(text), $"{templateId} {part}: {PluralAfterOne().Match(text).Value}\n{text}");
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void EveryNumberIsTwo_NounsArePlural(string templateId)
    {
        var content = EmailRenderer.Render(WithEveryNumber(Samples.For(templateId), 2));

        foreach (var (part, text) in Parts(content))
            Assert.False(SingularAfterTwo().IsMatch(text), $"{templateId} {part}: {SingularAfterTwo().Match(text).Value}\n{text}");
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void German_EveryNumberIsOne_NounsAreSingular(string templateId)
    {
        var content = EmailRenderer.Render(WithEveryNumber(Samples.For(templateId, "de-DE"), 1));

        Assert.Equal("de", content.Language);
        foreach (var (part, text) in Parts(content))
            Assert.False(GermanPluralAfterOne().IsMatch(text), $"{templateId} {part}: {GermanPluralAfterOne().Match(text).Value}\n{text}");
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void German_EveryNumberIsTwo_NounsArePlural(string templateId)
    {
        var content = EmailRenderer.Render(WithEveryNumber(Samples.For(templateId, "de-DE"), 2));

        foreach (var (part, text) in Parts(content))
            Assert.False(GermanSingularAfterTwo().IsMatch(text), $"{templateId} {part}: {GermanSingularAfterTwo().Match(text).Value}\n{text}");
    }

    [Fact]
    public void German_Agreement_CaughtByThePatterns()
    {
        Assert.Matches(GermanPluralAfterOne(), "seit 1 Tagen kein Treffen");
        Assert.Matches(GermanPluralAfterOne(), "1 aktive Paare");
        Assert.DoesNotMatch(GermanPluralAfterOne(), "in den letzten 30 Tagen: 1\n\nPaare, die Hilfe brauchen");
        Assert.Matches(GermanPluralAfterOne(), "nicht 1 einzelne Probleme");
        Assert.Matches(GermanSingularAfterTwo(), "2 Verschiebung oder Absagen");
        Assert.Matches(GermanSingularAfterTwo(), "2 Paar startet");
        Assert.DoesNotMatch(GermanPluralAfterOne(), "seit 1 Tag kein Treffen, 1 Treffen bisher, 1 aktives Paar");
        Assert.DoesNotMatch(GermanSingularAfterTwo(), "seit 2 Tagen, 2 Paare starten, 2 Verschiebungen, Montag, 2. März");
    }

    [Fact]
    public void Close_OfAPairThatNeverMet_DoesNotThankForZeroMeetings()
    {
        var model = Samples.For(Engine.Messages.TemplateIds.CampaignClose);
        var facts = new Dictionary<string, string>(model.Facts, StringComparer.Ordinal) { ["meetingsHeld"] = "0", ["streak"] = "0" };

        var content = EmailRenderer.Render(model with { Facts = facts });

        Assert.DoesNotContain("0 meetings", content.Subject, StringComparison.Ordinal);
        Assert.Contains("thank you", content.Subject, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"^\s*0 meetings,", Regex.Replace(content.Html, "<[^>]+>", " "));
    }

    [Fact]
    public void German_Close_OfAPairThatNeverMet_DoesNotThankForZeroMeetings()
    {
        var model = Samples.For(Engine.Messages.TemplateIds.CampaignClose, "de-DE");
        var facts = new Dictionary<string, string>(model.Facts, StringComparer.Ordinal) { ["meetingsHeld"] = "0", ["streak"] = "0" };

        var content = EmailRenderer.Render(model with { Facts = facts });

        Assert.Equal("Noch ein Treffen mit Tom vor Zyklusende – danke", content.Subject);
        Assert.DoesNotContain("0 Treffen bisher", Preheader(content.Html), StringComparison.Ordinal);
    }

    /// <summary>The model with every count it holds set to <paramref name="n"/>: the pair's facts, the program's numbers, the digest's list.</summary>
    private static EmailModel WithEveryNumber(EmailModel model, int n)
    {
        var value = n.ToString(CultureInfo.InvariantCulture);
        var facts = model.Facts.ToDictionary(f => f.Key, f => f.Key is not ("healthScore" or "sharePercent") && int.TryParse(f.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? value : f.Value, StringComparer.Ordinal);
        return model with
        {
            Facts = facts,
            Numbers = new ProgramNumbers(n, n, n, n, n, n, n),
            Attention = model.Attention?.Select(a => a with { DaysSinceLastMeeting = n, HealthScore = n }).ToList(),
        };
    }

    private static IEnumerable<(string Part, string Text)> Parts(RenderedContent content) =>
    [
        ("subject", content.Subject),
        ("text", content.Text),
        ("html", System.Net.WebUtility.HtmlDecode(Regex.Replace(content.Html, "<[^>]+>", " "))),
    ];

    private static string Preheader(string html) => HiddenBlock().Match(html).Groups[1].Value;

    [GeneratedRegex("<div style=\"display:none;[^\"]*\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex HiddenBlock();

    [GeneratedRegex(@"\b1[^\S\n]+(?:aktive\s+|einzelne\s+)?(Tage|Tagen|Paare|Paaren|Verschiebungen|Erinnerungen|Änderungen|Probleme)\b")]
    private static partial Regex GermanPluralAfterOne();

    [GeneratedRegex(@"\b2[^\S\n]+(?:aktives\s+|einzelnes\s+)?(Tag|Paar|Verschiebung|Erinnerung|Änderung|Problem)\b(?!-)")]
    private static partial Regex GermanSingularAfterTwo();

    [GeneratedRegex(@"\b1\s+(?:active\s+)?(meetings|days|pairs|times|moves|reminders|changes|postponements|conversations)\b")]
    private static partial Regex PluralAfterOne();

    [GeneratedRegex(@"\b2\s+(meeting|day|pair|time|move|reminder|change|postponement|conversation)\b(?!-)")]
    private static partial Regex SingularAfterTwo();
}
