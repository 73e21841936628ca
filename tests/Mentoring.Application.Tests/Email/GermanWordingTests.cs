using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// The German templates keep what the English ones promise (<see cref="LadderWordingTests"/>): a warm first step and a
/// firmer second, "we wrote before" and the late-change line only where true, no health score to a manager or sponsor,
/// the meeting's day as seen when the reminder is sent; and German dates from the reader's culture.
/// </summary>
public sealed class GermanWordingTests
{
    private const string German = "de-DE";

    [Theory]
    [InlineData(RecipientRoles.Mentor)]
    [InlineData(RecipientRoles.Mentee)]
    public void Nudge_FirstStep_CarriesNoBlameOrCostLine(string role)
    {
        var content = Render(TemplateIds.Nudge, role);

        Assert.Equal("de", content.Language);
        foreach (var part in new[] { content.Subject, content.Text, Words(content.Html) })
        {
            Assert.DoesNotContain("Fehler", part, StringComparison.Ordinal);
            Assert.DoesNotContain("kostet", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Ausprobieren", part, StringComparison.Ordinal);
            Assert.DoesNotContain("verpasst", part, StringComparison.Ordinal);
        }

        Assert.Contains("freundlicher Anstoß", content.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecipientRoles.Mentor)]
    [InlineData(RecipientRoles.Mentee)]
    public void ValueReminder_SecondStep_CarriesTheCostLine(string role)
    {
        var content = Render(TemplateIds.ValueReminder, role);

        Assert.Contains("ein Fehler das Unternehmen mehr kostet als 30 Minuten", content.Text, StringComparison.Ordinal);
        Assert.Contains("ein Fehler das Unternehmen mehr kostet als 30 Minuten", Words(content.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void ValueReminder_WeWroteBefore_OnlyToSomeoneTheNudgeReached()
    {
        var notReached = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("earlierNotes", "0"));
        var reached = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("earlierNotes", "1"));

        Assert.DoesNotContain("geschrieben", notReached.Text + Words(notReached.Html), StringComparison.Ordinal);
        Assert.Contains("Ein offenes Wort zu Ihrem Mentoring mit Tom: Mentoring-Zeit ist Arbeitszeit.", notReached.Text, StringComparison.Ordinal);
        const string Before = "Wir haben Ihnen vor ein paar Tagen zu Ihrem Mentoring mit Tom geschrieben, deshalb jetzt ganz direkt:";
        Assert.Contains(Before, reached.Text, StringComparison.Ordinal);
        Assert.Contains(Before, Words(reached.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void ValueReminder_LateChangeLine_OnlyToWhoeverMadeTheChange()
    {
        var toTheOther = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("lateChangesSinceLastMeeting", "1"), ("lateChangesByRecipient", "0"));
        var toTheMaker = Render(TemplateIds.ValueReminder, RecipientRoles.Mentor, ("lateChangesSinceLastMeeting", "1"), ("lateChangesByRecipient", "1"));

        Assert.DoesNotContain("weniger als ein Tag bis zum Treffen", toTheOther.Text + Words(toTheOther.Html), StringComparison.Ordinal);
        const string Line = "Bei 1 Ihrer Änderungen lag weniger als ein Tag bis zum Treffen";
        Assert.Contains(Line, toTheMaker.Text, StringComparison.Ordinal);
        Assert.Contains(Line, Words(toTheMaker.Html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecipientRoles.Sponsor)]
    [InlineData(RecipientRoles.Manager)]
    public void SponsorOrManagerNote_ThePairsNeed_NeverAHealthScore(string role)
    {
        var content = Render(TemplateIds.SponsorNote, role, ("healthScore", "77"));

        foreach (var part in new[] { content.Subject, content.Text, Words(content.Html) })
        {
            Assert.DoesNotContain("Gesundheit", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("77", part, StringComparison.Ordinal);
        }

        Assert.Contains("zu hören, dass seine Mentoring-Zeit geschützt ist", content.Text, StringComparison.Ordinal);
        Assert.Contains("seit 31 Tagen nicht getroffen", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagerNote_NamesTheReportWhoAgreed_AndNotThePartner()
    {
        var model = Samples.For(TemplateIds.SponsorNote, German) with
        {
            Recipient = new EmailRecipient("Mo Ali", RecipientRoles.Manager, "Europe/Berlin", German),
            Pair = new EmailPair("", "Tom"),
        };

        var content = EmailRenderer.Render(model);

        Assert.StartsWith(
            "Hallo Mo,\n\nTom aus Ihrem Team wird in Engineering Mentoring 2026 im Mentoring begleitet und hat zugestimmt, dass wir Sie um Unterstützung bitten dürfen.",
            content.Text,
            StringComparison.Ordinal);
        Assert.Equal("Ein Mentoring-Paar in Ihrem Team braucht geschützte Zeit", content.Subject);
        Assert.DoesNotContain("Priya", content.Text + content.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("today", "Heute, 10:00: Mentoring mit Priya", "Sie treffen Priya heute, Dienstag, 3. März, 10:00 (Europe/Berlin)")]
    [InlineData("tomorrow", "Morgen, 10:00: Mentoring mit Priya", "Sie treffen Priya morgen, Dienstag, 3. März, 10:00 (Europe/Berlin)")]
    [InlineData("later", "Mentoring mit Priya: Dienstag, 3. März 2026", "Sie treffen Priya am Dienstag, 3. März, 10:00 (Europe/Berlin)")]
    public void PreMeetingReminder_SaysTheDayAsSeenWhenItIsSent(string meetingDay, string subject, string line)
    {
        var content = Render(TemplateIds.PreMeetingReminder, RecipientRoles.Mentee, ("meetingDay", meetingDay));

        Assert.Equal(subject, content.Subject);
        Assert.Contains(line, content.Text, StringComparison.Ordinal);
        Assert.Contains(line, Words(content.Html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE", "Am Montag, 12. Januar 2026 beginnt für Sie Engineering Mentoring 2026")]
    [InlineData("de-AT", "Am Montag, 12. Jänner 2026 beginnt für Sie Engineering Mentoring 2026")]
    public void BeforeLaunch_TheStartDate_InTheReadersGermanCulture(string culture, string line)
    {
        var content = EmailRenderer.Render(Samples.For(TemplateIds.CampaignBeforeLaunch, culture));

        Assert.Equal("de", content.Language);
        Assert.Contains(line, content.Text, StringComparison.Ordinal);
        Assert.Contains(line, Words(content.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void AdminAlert_RiskLevelAndWhoChanged_InGerman()
    {
        var content = Render(TemplateIds.AdminAlert, RecipientRoles.Admin);

        Assert.Equal("Priya & Tom anrufen: 31 Tage ohne Treffen", content.Subject);
        Assert.Contains("- Gesundheitswert: 34 von 100 (gefährdet)", content.Text, StringComparison.Ordinal);
        Assert.Contains("- Die meisten Änderungen von: Mentor", content.Text, StringComparison.Ordinal);
        Assert.Contains("Gesundheitswert · gefährdet", Words(content.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void AdminAlert_MainSignal_InGerman_FromTheEnginesSignalNotItsEnglishLine()
    {
        var german = Render(TemplateIds.AdminAlert, RecipientRoles.Admin, ("reasonKind", "AtRisk"), ("reasonCount", "31"), ("reasonNeverMet", "true"));
        var english = EmailRenderer.Render(Samples.For(TemplateIds.AdminAlert) with
        {
            Facts = new Dictionary<string, string>(Samples.For(TemplateIds.AdminAlert).Facts) { ["reasonKind"] = "AtRisk", ["reasonCount"] = "31", ["reasonNeverMet"] = "true" },
        });

        Assert.Contains("- Hauptsignal: In den 31 Tagen seit dem Start kein Treffen und keines geplant: gefährdet.", german.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("postponement", german.Text + german.Html, StringComparison.Ordinal);
        Assert.Contains(Samples.For(TemplateIds.AdminAlert).Facts["reason"], english.Text, StringComparison.Ordinal); // English: the engine's own line
    }

    [Fact]
    public void AdminDigest_PairsThatNeedAHuman_ReasonInGerman()
    {
        var model = Samples.For(TemplateIds.AdminDigest, German);
        var attention = model.Attention!.Select((a, i) => a with
        {
            MainSignal = i == 0
                ? new Engine.Signals.Signal(Engine.Signals.SignalKind.RepeatedPostponement, default, 3)
                : new Engine.Signals.Signal(Engine.Signals.SignalKind.Dormant, default, 94, NeverMet: true),
        }).ToList();

        var content = EmailRenderer.Render(model with { Attention = attention });

        Assert.Contains("3 Verschiebungen oder Absagen seit dem letzten Treffen.", content.Text, StringComparison.Ordinal);
        Assert.Contains("In den 94 Tagen seit dem Start kein Treffen: ruhend.", content.Text, StringComparison.Ordinal);
        Assert.Contains("In den 94 Tagen seit dem Start kein Treffen: ruhend.", Words(content.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_InGerman_WithTheUnsubscribeLink()
    {
        var content = Render(TemplateIds.Nudge, RecipientRoles.Mentor);

        Assert.EndsWith(
            "--\nSie erhalten diese E-Mail, weil Sie an Engineering Mentoring 2026 beteiligt sind.\nAbbestellen: " + Samples.Links.Unsubscribe + "\n",
            content.Text,
            StringComparison.Ordinal);
        Assert.Contains("Diese E-Mails abbestellen", content.Html, StringComparison.Ordinal);
    }

    private static RenderedContent Render(string templateId, string role, params (string Key, string Value)[] facts)
    {
        var model = Samples.For(templateId, German);
        var changed = model.Facts.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var (key, value) in facts)
            changed[key] = value;
        return EmailRenderer.Render(model with { Facts = changed, Recipient = model.Recipient with { Role = role } });
    }

    private static string Words(string html) =>
        Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")), @"\s+", " ");
}
