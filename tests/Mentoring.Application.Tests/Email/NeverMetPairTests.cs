using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// A pair that never met has no last meeting: its days count from the day it was paired (the engine's reference), and
/// no email or preview may present them as days since a meeting that never happened ("1 day since you last met").
/// </summary>
public sealed partial class NeverMetPairTests
{
    public static TheoryData<string> LadderTemplates() =>
        [TemplateIds.Nudge, TemplateIds.ValueReminder, TemplateIds.SponsorNote, TemplateIds.AdminAlert];

    [Theory]
    [MemberData(nameof(LadderTemplates))]
    public void PairThatNeverMet_IsNotToldDaysSinceItLastMet(string templateId)
    {
        var content = EmailRenderer.Render(NeverMet(Samples.For(templateId), days: 1));

        foreach (var (part, text) in Parts(content))
        {
            Assert.False(LastMeeting().IsMatch(text), $"{templateId} {part}: \"{LastMeeting().Match(text).Value}\"\n{text}");
            Assert.False(DaysSinceMet().IsMatch(text), $"{templateId} {part}: \"{DaysSinceMet().Match(text).Value}\"\n{text}");
        }

        Assert.Matches("paired|started", content.Text);
    }

    [Theory]
    [MemberData(nameof(LadderTemplates))]
    public void PairThatMet_IsToldDaysSinceItsLastMeeting(string templateId)
    {
        var content = EmailRenderer.Render(Samples.For(templateId));

        Assert.Matches(@"31 days since (you |they )?last met|Days since last meeting: 31|meeting with Tom was 31 days ago", content.Text);
        Assert.DoesNotMatch("paired|(the pair|were) started", content.Text);
    }

    [Fact]
    public void Nudge_ToAPairThatNeverMet_AsksForAFirstDate()
    {
        var content = EmailRenderer.Render(NeverMet(Samples.For(TemplateIds.Nudge), days: 14));

        Assert.Equal("Time to meet Tom? 14 days since you were paired", content.Subject);
        Assert.Contains("You and Tom were paired 14 days ago and have not met yet", content.Text, StringComparison.Ordinal);
    }

    /// <summary>The facts the engine writes for a pair with no held meeting: no last meeting, days counted from its start.</summary>
    private static EmailModel NeverMet(EmailModel model, int days)
    {
        var facts = new Dictionary<string, string>(model.Facts, StringComparer.Ordinal)
        {
            ["lastMeetingAt"] = "",
            ["meetingsHeld"] = "0",
            ["streak"] = "0",
            ["daysSinceLastMeeting"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = $"No first meeting held {days} days after the start.",
        };
        return model with { Facts = facts };
    }

    private static IEnumerable<(string Part, string Text)> Parts(RenderedContent content) =>
    [
        ("subject", content.Subject),
        ("text", content.Text),
        ("html", System.Net.WebUtility.HtmlDecode(Regex.Replace(content.Html, "<[^>]+>", " "))),
    ];

    [GeneratedRegex(@"last (mentoring )?meeting (with \w+ )?was|since (the )?last meeting|Days since last meeting", RegexOptions.IgnoreCase)]
    private static partial Regex LastMeeting();

    [GeneratedRegex(@"\bdays? since (you|they) last met\b", RegexOptions.IgnoreCase)]
    private static partial Regex DaysSinceMet();
}
