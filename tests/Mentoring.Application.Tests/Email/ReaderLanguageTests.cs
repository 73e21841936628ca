using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>Which language an email is written in and which culture formats its dates: one language per email.</summary>
public sealed class ReaderLanguageTests
{
    [Theory]
    [InlineData("en-GB", "en", "en-GB")]
    [InlineData("en-US", "en", "en-US")]
    [InlineData("de-DE", "de", "de-DE")]
    [InlineData("de-AT", "de", "de-AT")] // German words, Austrian dates ("Jänner")
    [InlineData("de-CH", "de", "de-CH")]
    [InlineData("fr-FR", "en", "en-GB")] // no French templates: English words, English dates, never "mardi" in an English line
    [InlineData("ja-JP", "en", "en-GB")]
    [InlineData(null, "en", "en-GB")]
    [InlineData("", "en", "en-GB")]
    [InlineData("xx-NOPE", "en", "en-GB")]
    public void For_Culture_TemplateLanguageAndFormats(string? culture, string language, string formats)
    {
        var reader = ReaderLanguage.For(culture);

        Assert.Equal(language, reader.Language);
        Assert.Equal(formats, reader.Formats.Name);
    }

    [Fact]
    public void For_AnEnglishOnlyText_AnyOtherLanguageGetsEnglishFormats()
    {
        Assert.Equal("en-GB", ReaderLanguage.For("de-DE", ["en"]).Formats.Name);
        Assert.Equal("en-US", ReaderLanguage.For("en-US", ["en"]).Formats.Name);
    }

    [Fact]
    public void Render_UnsupportedCulture_EnglishTextEnglishDatesAndSaysSo()
    {
        var content = EmailRenderer.Render(Samples.For(TemplateIds.PreMeetingReminder, "fr-FR", "Europe/Paris"));

        Assert.Equal("en", content.Language);
        Assert.Contains("<html lang=\"en\">", content.Html, StringComparison.Ordinal);
        Assert.Contains("Tuesday 3 March", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("mardi", content.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_German_GermanTextGermanDatesAndSaysSo()
    {
        var content = EmailRenderer.Render(Samples.For(TemplateIds.PreMeetingReminder, "de-DE", "Europe/Berlin"));

        Assert.Equal("de", content.Language);
        Assert.Contains("<html lang=\"de\">", content.Html, StringComparison.Ordinal);
        Assert.Contains("Sie treffen Priya morgen, Dienstag, 3. März, 10:00 (Europe/Berlin).", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tuesday", content.Text + content.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RenderedContent_EmailCarriesItsLanguage()
    {
        var model = Samples.For(TemplateIds.Nudge, "en-US");

        var email = RenderedEmail.Create(EmailRenderer.Render(model), "a@example.com", "A", "m-1", model.Links, null, "pair-17", "prog-eng");

        Assert.Equal("en", email.ContentLanguage);
        var german = Samples.For(TemplateIds.Nudge, "de-DE");
        Assert.Equal("de", RenderedEmail.Create(EmailRenderer.Render(german), "a@example.com", "A", "m-2", german.Links, null, "pair-17", "prog-eng").ContentLanguage);
    }
}
