using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// The ladder's tone: warm at the first step, firmer only later; "we wrote before" and the late-change line only to the
/// person they are true of; managers and sponsors read the pair's need, never its health score.
/// </summary>
public sealed class LadderWordingTests
{
    [Theory]
    [InlineData(RecipientRoles.Mentor)]
    [InlineData(RecipientRoles.Mentee)]
    public void Nudge_FirstStep_CarriesNoBlameOrCostLine(string role)
    {
        var content = Render(TemplateIds.Nudge, role);

        foreach (var part in new[] { content.Subject, content.Text, Words(content.Html) })
        {
            Assert.DoesNotContain("costs the business", part, StringComparison.Ordinal);
            Assert.DoesNotContain("mistake", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("missed", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("trial and error", part, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(RecipientRoles.Mentor)]
    [InlineData(RecipientRoles.Mentee)]
    public void ValueReminder_SecondStep_CarriesTheCostLine(string role)
    {
        var content = Render(TemplateIds.ValueReminder, role);

        Assert.Contains("a mistake costs the business more than 30 minutes", content.Text, StringComparison.Ordinal);
        Assert.Contains("a mistake costs the business more than 30 minutes", Words(content.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void ValueReminder_ToSomeoneTheNudgeDidNotReach_DoesNotSayWeWroteBefore()
    {
        var content = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("earlierNotes", "0"));

        foreach (var part in new[] { content.Text, Words(content.Html) })
        {
            Assert.DoesNotContain("second note", part, StringComparison.Ordinal);
            Assert.DoesNotContain("wrote to you", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ValueReminder_ToSomeoneTheNudgeReached_SaysWeWroteBefore()
    {
        var content = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("earlierNotes", "1"));

        Assert.Contains("We wrote to you about your mentoring with Tom a few days ago", content.Text, StringComparison.Ordinal);
        Assert.Contains("We wrote to you about your mentoring with Tom a few days ago", Words(content.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void ValueReminder_LateChangeLine_OnlyToWhoeverMadeTheChange()
    {
        var toTheOther = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("lateChangesSinceLastMeeting", "1"), ("lateChangesByRecipient", "0"));
        var toTheMaker = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("lateChangesSinceLastMeeting", "1"), ("lateChangesByRecipient", "1"));

        Assert.DoesNotContain("less than a day before the meeting", toTheOther.Text + Words(toTheOther.Html), StringComparison.Ordinal);
        Assert.Contains("1 of the changes you made came less than a day before the meeting", toTheMaker.Text, StringComparison.Ordinal);
        Assert.Contains("1 of the changes you made came less than a day before the meeting", Words(toTheMaker.Html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecipientRoles.Sponsor)]
    [InlineData(RecipientRoles.Manager)]
    public void SponsorOrManagerNote_ThePairsNeed_NeverAHealthScore(string role)
    {
        var content = Render(TemplateIds.SponsorNote, role, ("healthScore", "77"));

        foreach (var part in new[] { content.Subject, content.Text, Words(content.Html) })
        {
            Assert.DoesNotContain("health", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("77", part, StringComparison.Ordinal);
        }

        Assert.Contains("to hear that their mentoring time is protected", content.Text, StringComparison.Ordinal);
        Assert.Contains("31 days", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SponsorNote_WithoutNames_NamesNobody()
    {
        // The assembler gives a sponsor no names (Naming: no participant agreed to be named to the sponsor).
        var model = Samples.For(TemplateIds.SponsorNote) with { Pair = new EmailPair("", "") };

        var content = EmailRenderer.Render(model);

        Assert.Contains("we are asking for your help with one pair. The pair has not met for 31 days", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(mentor)", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(mentee)", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", content.Text + content.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagerNote_NamesTheReportWhoAgreed_AndNotThePartner()
    {
        var model = Samples.For(TemplateIds.SponsorNote) with
        {
            Recipient = new EmailRecipient("Mo Ali", RecipientRoles.Manager, "Europe/Berlin"),
            Pair = new EmailPair("", "Tom"),
        };

        var content = EmailRenderer.Render(model);

        Assert.StartsWith("Hi Mo,\n\nTom, in your team, is mentored in Engineering Mentoring 2026 and agreed that we may ask for your help.", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", content.Text + content.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("today", "Today, 10:00: mentoring with Priya", "you meet Priya today, Tuesday 3 March, 10:00 (Europe/Berlin)")]
    [InlineData("tomorrow", "Tomorrow, 10:00: mentoring with Priya", "you meet Priya tomorrow, Tuesday 3 March, 10:00 (Europe/Berlin)")]
    [InlineData("later", "Mentoring with Priya: Tuesday 3 March 2026", "you meet Priya on Tuesday 3 March, 10:00 (Europe/Berlin)")]
    public void PreMeetingReminder_SaysTheDayAsSeenWhenItIsSent(string meetingDay, string subject, string line)
    {
        var model = Samples.For(TemplateIds.PreMeetingReminder);
        var content = EmailRenderer.Render(model with { Facts = With(model.Facts, ("meetingDay", meetingDay)) });

        Assert.Equal(subject, content.Subject);
        Assert.Contains(line, content.Text, StringComparison.Ordinal);
        Assert.Contains(line, Words(content.Html), StringComparison.Ordinal);
    }

    private static RenderedContent Render(string templateId, string role, params (string Key, string Value)[] facts)
    {
        var model = Samples.For(templateId);
        return EmailRenderer.Render(model with
        {
            Facts = With(model.Facts, facts),
            Recipient = model.Recipient with { Role = role },
        });
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> facts, params (string Key, string Value)[] changes)
    {
        var copy = facts.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
            copy[key] = value;
        return copy;
    }

    private static string Words(string html) =>
        Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")), @"\s+", " ");
}
