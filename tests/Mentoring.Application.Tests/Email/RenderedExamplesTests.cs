using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// Writes one rendered example of each template, in English and (under <c>de/</c>) in German: into
/// <c>MENTORING_EMAIL_DOCS_DIR</c> when it is set (docs/emails/render.sh sets it), else into a temporary folder that is
/// removed, so the default run leaves nothing behind.
/// </summary>
public sealed class RenderedExamplesTests
{
    public const string DirectoryVariable = "MENTORING_EMAIL_DOCS_DIR";

    [Fact]
    [Trait("Category", "Docs")]
    public void WriteExamples_EveryTemplate_HtmlAndTextFilesWritten()
    {
        var target = Environment.GetEnvironmentVariable(DirectoryVariable);
        var directory = string.IsNullOrEmpty(target) ? Directory.CreateTempSubdirectory("emails-").FullName : target;
        try
        {
            var german = Path.Combine(directory, "de");
            Directory.CreateDirectory(german);
            foreach (var templateId in TemplateIds.All)
            {
                Write(directory, templateId, EmailRenderer.Render(Samples.For(templateId)));
                var content = EmailRenderer.Render(Samples.For(templateId, "de-DE") with { Program = Samples.GermanProgram });
                Assert.Equal("de", content.Language);
                Write(german, templateId, content);
            }

            Assert.Equal(TemplateIds.All.Count, Directory.GetFiles(directory, "*.html").Length);
            Assert.Equal(TemplateIds.All.Count, Directory.GetFiles(german, "*.html").Length);
        }
        finally
        {
            if (string.IsNullOrEmpty(target))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static void Write(string directory, string templateId, RenderedContent content)
    {
        File.WriteAllText(Path.Combine(directory, templateId + ".html"), content.Html);
        File.WriteAllText(Path.Combine(directory, templateId + ".txt"), "Subject: " + content.Subject + "\n\n" + content.Text);
    }
}
