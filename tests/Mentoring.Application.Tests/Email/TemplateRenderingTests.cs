using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Validation;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

public sealed class TemplateRenderingTests
{
    public static TheoryData<string> AllTemplates() => [.. TemplateIds.All];

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void BuiltInTemplate_EveryPart_ValidatesAgainstTheModel(string templateId)
    {
        foreach (var part in Enum.GetValues<TemplatePart>())
        {
            var validation = TemplateValidator.Validate(templateId, part, TemplateLibrary.Source(templateId, part));
            Assert.True(validation.IsValid, $"{templateId} {part}: {string.Join("; ", validation.Errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Render_RealisticFacts_SubjectHtmlAndTextNonEmpty(string templateId)
    {
        var content = EmailRenderer.Render(Samples.For(templateId));

        Assert.False(string.IsNullOrWhiteSpace(content.Subject));
        Assert.DoesNotContain('\n', content.Subject);
        Assert.True(content.Subject.Length <= 100, content.Subject);
        Assert.False(string.IsNullOrWhiteSpace(content.Html));
        Assert.False(string.IsNullOrWhiteSpace(content.Text));
        Assert.Empty(content.RejectedOverrides);
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Render_Html_NoScriptAndTheLayoutsShape(string templateId)
    {
        var html = EmailRenderer.Render(Samples.For(templateId)).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", html, StringComparison.Ordinal);
        Assert.Contains("width=\"600\"", html, StringComparison.Ordinal);
        Assert.Contains(Samples.Program.Name, html, StringComparison.Ordinal);
        Assert.Contains(Samples.Links.Unsubscribe, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TemplateIds.Nudge, "31", "3")]
    [InlineData(TemplateIds.ValueReminder, "31", "3")]
    [InlineData(TemplateIds.SponsorNote, "31", "5")]
    [InlineData(TemplateIds.AdminAlert, "31", "34")]
    [InlineData(TemplateIds.ThankYou, "4", "5")]
    [InlineData(TemplateIds.PreMeetingReminder, "10:00", "14")]
    [InlineData(TemplateIds.CampaignBeforeLaunch, "Monday 12 January 2026", "14")]
    [InlineData(TemplateIds.CampaignLaunch, "42", "Book your first meeting")]
    [InlineData(TemplateIds.CampaignBookFirstMeeting, "118", "Monday 12 January 2026")]
    [InlineData(TemplateIds.CampaignMidCycle, "118", "42")]
    [InlineData(TemplateIds.CampaignClose, "5", "Monday 7 September 2026")]
    [InlineData(TemplateIds.ProgramCrunch, "36%", "15 of 42 pairs")]
    [InlineData(TemplateIds.AdminDigest, "Marcus", "94")]
    public void Render_PairsOwnNumbers_AppearInHtmlAndText(string templateId, string first, string second)
    {
        var content = EmailRenderer.Render(Samples.For(templateId));

        foreach (var expected in new[] { first, second })
        {
            Assert.Contains(expected, content.Html, StringComparison.Ordinal);
            Assert.Contains(expected, content.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(TemplateIds.Nudge)]
    [InlineData(TemplateIds.ValueReminder)]
    [InlineData(TemplateIds.CampaignBeforeLaunch)]
    [InlineData(TemplateIds.ProgramCrunch)]
    public void Render_ProgramsOwnWords_AppearInHtml(string templateId)
    {
        var html = EmailRenderer.Render(Samples.For(templateId)).Html;

        var goalOrWords = html.Contains("six months to three", StringComparison.Ordinal)
            || html.Contains("weeks of work we don&#x27;t have to redo", StringComparison.Ordinal);
        Assert.True(goalOrWords || templateId == TemplateIds.Nudge, "the business goal or the sponsor's words");
    }

    [Fact]
    public void Render_Preheader_CapturedByTheBodyShownHiddenByTheLayout()
    {
        var html = EmailRenderer.Render(Samples.For(TemplateIds.Nudge)).Html;

        Assert.Contains("line-height:1px;color:#eef2f5;\">One calendar slot gets you and Tom back on track.</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ValuesFromTheModel_AreHtmlEncoded()
    {
        var model = Samples.For(TemplateIds.Nudge) with { Pair = new EmailPair("Priya", "<b>Tom</b> & Co") };

        var content = EmailRenderer.Render(model);

        Assert.DoesNotContain("<b>Tom</b>", content.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Tom&lt;/b&gt; &amp; Co", content.Html, StringComparison.Ordinal);
        Assert.Contains("<b>Tom</b> & Co", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Ladder_StepsDifferInToneAndAudience()
    {
        var nudge = EmailRenderer.Render(Samples.For(TemplateIds.Nudge));
        var value = EmailRenderer.Render(Samples.For(TemplateIds.ValueReminder));
        var sponsor = EmailRenderer.Render(Samples.For(TemplateIds.SponsorNote));
        var admin = EmailRenderer.Render(Samples.For(TemplateIds.AdminAlert));

        Assert.Equal(4, new[] { nudge.Subject, value.Subject, sponsor.Subject, admin.Subject }.Distinct().Count());
        Assert.Contains("Hi Priya,", nudge.Text, StringComparison.Ordinal);
        Assert.Contains("Hi Dana,", sponsor.Text, StringComparison.Ordinal);
        Assert.Contains("Hi Sam,", admin.Text, StringComparison.Ordinal);
        Assert.Contains("not a performance issue", sponsor.Text, StringComparison.Ordinal);
    }
}
