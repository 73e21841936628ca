using System.Globalization;
using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;

namespace Mentoring.Tests.Email;

/// <summary>"1 meetings", "every 1 days", "0 meetings — thank you": every number in every template agrees with its noun.</summary>
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

    [GeneratedRegex(@"\b1\s+(?:active\s+)?(meetings|days|pairs|times|moves|reminders|changes|postponements|conversations)\b")]
    private static partial Regex PluralAfterOne();

    [GeneratedRegex(@"\b2\s+(meeting|day|pair|time|move|reminder|change|postponement|conversation)\b(?!-)")]
    private static partial Regex SingularAfterTwo();
}
