using Mentoring.Application.Outbox.Preview;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Validation;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

public sealed class TemplateValidatorTests
{
    [Fact]
    public void Validate_SyntaxError_RefusedWithLineAndReason()
    {
        const string text = "Hi {{ recipient.firstName }},\n\nYou met {{ facts.meetingsHeld }} times.\n{% if facts.streak > 1 %}Well done.\n";

        var validation = TemplateValidator.Validate(TemplateIds.ThankYou, TemplatePart.Text, text);

        var error = Assert.Single(validation.Errors);
        Assert.False(validation.IsValid);
        Assert.Equal(4, error.Line);
        Assert.Contains("endif", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnclosedOutput_RefusedWithLineAndColumn()
    {
        var validation = TemplateValidator.Validate(TemplateIds.Nudge, TemplatePart.Subject, "A date with {{ pair.partnerFirstName }");

        var error = Assert.Single(validation.Errors);
        Assert.Equal(1, error.Line);
        Assert.True(error.Column > 0);
        Assert.Contains("'}}' was expected", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownFact_RefusedWithLineAndTheKnownNames()
    {
        const string text = "<p>Hi {{ recipient.firstName }},</p>\n<p>You postponed {{ facts.postponements }} times.</p>";

        var validation = TemplateValidator.Validate(TemplateIds.Nudge, TemplatePart.Html, text);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(21, error.Column);
        Assert.Contains("'facts.postponements' is not in the model", error.Reason, StringComparison.Ordinal);
        Assert.Contains("postponementsSinceLastMeeting", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRootVariable_Refused()
    {
        var validation = TemplateValidator.Validate(TemplateIds.Nudge, TemplatePart.Text, "Dear {{ employee.name }}");

        Assert.Contains("there is no variable 'employee'", Assert.Single(validation.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownVariableInAnUntakenBranch_StillRefused()
    {
        var validation = TemplateValidator.Validate(
            TemplateIds.Nudge, TemplatePart.Text, "{% if false %}{{ program.budget }}{% endif %}");

        Assert.False(validation.IsValid);
    }

    [Fact]
    public void Validate_FactOfAnotherTemplate_Refused()
    {
        var validation = TemplateValidator.Validate(TemplateIds.Nudge, TemplatePart.Text, "{{ facts.meetingStart }}");

        Assert.False(validation.IsValid);
        Assert.True(TemplateValidator.Validate(TemplateIds.PreMeetingReminder, TemplatePart.Text, "{{ facts.meetingStart | local_time }}").IsValid);
    }

    [Fact]
    public void Validate_LocalsLoopsAndCaptures_Accepted()
    {
        const string text = """
            {% assign days = numbers.activePairs | plus: 0 %}{% capture who %}{{ pair.partnerFirstName }}{% endcapture %}
            {{ days }} {{ who }} {% for item in attention %}{{ forloop.index }} {{ item.mentorFirstName }}{% endfor %} {{ attention.size }}
            """;

        var validation = TemplateValidator.Validate(TemplateIds.AdminDigest, TemplatePart.Text, text);

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
    }

    [Fact]
    public void Validate_UnknownMemberOfALoopItem_Refused()
    {
        var validation = TemplateValidator.Validate(
            TemplateIds.AdminDigest, TemplatePart.Text, "{% for item in attention %}{{ item.email }}{% endfor %}");

        Assert.Contains("'item' has no member 'email'", Assert.Single(validation.Errors).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ facts.streak | shout }}", "There is no filter 'shout'.")]
    [InlineData("{% include 'other' %}", "The 'include' tag is not allowed in email templates.")]
    public void Validate_UnknownFilterOrInclude_Refused(string text, string reason)
    {
        var validation = TemplateValidator.Validate(TemplateIds.ThankYou, TemplatePart.Text, text);

        Assert.Equal(reason, Assert.Single(validation.Errors).Reason);
    }

    [Fact]
    public void Validate_ScriptInHtml_Refused()
    {
        var validation = TemplateValidator.Validate(TemplateIds.ThankYou, TemplatePart.Html, "<p>Hi</p>\n<script>alert(1)</script>");

        var error = Assert.Single(validation.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal("HTML emails may not contain scripts.", error.Reason);
    }

    [Fact]
    public void Validate_UnknownTemplate_Refused()
    {
        Assert.False(TemplateValidator.Validate("ladder-step-9", TemplatePart.Text, "hi").IsValid);
    }

    [Fact]
    public void Render_ValidOverride_ReplacesThatPartOnly()
    {
        var model = Samples.For(TemplateIds.Nudge);
        var programOverride = new TemplateOverride(Subject: "{{ pair.partnerFirstName }} is waiting: {{ facts.daysSinceLastMeeting }} days");

        var content = EmailRenderer.Render(model, programOverride);

        Assert.Equal("Tom is waiting: 31 days", content.Subject);
        Assert.Equal(EmailRenderer.Render(model).Text, content.Text);
        Assert.Empty(content.RejectedOverrides);
    }

    [Fact]
    public void Render_InvalidOverride_BuiltInUsedAndTheErrorsReported()
    {
        var model = Samples.For(TemplateIds.Nudge);

        var content = EmailRenderer.Render(model, new TemplateOverride(Text: "{{ facts.salary }}"));

        Assert.Equal(EmailRenderer.Render(model).Text, content.Text);
        Assert.False(content.RejectedOverrides[TemplatePart.Text].IsValid);
    }

    [Fact]
    public void Preview_AnyTemplate_RendersWithoutSendingAndShowsOverrideErrors()
    {
        var model = Samples.For(TemplateIds.CampaignLaunch) with { Links = EmailPreview.PlaceholderLinks };

        var preview = EmailPreview.Render(model, new TemplateOverride(Html: "<p>{% if x %}</p>"));

        Assert.Contains("#preview-book-next", preview.Content.Html, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(preview.OverrideErrors).Value.Errors[0].Line);
        Assert.Contains("{{ pair.partnerFirstName }}", EmailPreview.BuiltInSource(TemplateIds.CampaignLaunch)[TemplatePart.Subject], StringComparison.Ordinal);
    }
}
