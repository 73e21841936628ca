using System.Globalization;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The language an email is written in and the culture its dates and numbers are formatted in, for one reader.
/// </summary>
/// <param name="Language">The template language (a two-letter ISO 639-1 code with templates, e.g. "de"); it is also the
/// email's <c>Content-Language</c> and its HTML <c>lang</c>.</param>
/// <param name="Formats">The culture for dates and numbers.</param>
/// <remarks>
/// One email reads in one language: a culture whose language has templates (de-AT, en-US) gets them and its own
/// formats; a culture whose language has none (fr-FR) gets the English templates with en-GB formats, so no English
/// sentence carries a French month name. The reader's culture stays on their record, so when templates in their language
/// are added they get them, with their own formats, without any change to the data.
/// </remarks>
public sealed record ReaderLanguage(string Language, CultureInfo Formats)
{
    public const string DefaultLanguage = "en";

    /// <summary>The language and formats for a culture name (null, empty or unknown: English, en-GB).</summary>
    public static ReaderLanguage For(string? cultureName) => For(cultureName, TemplateLibrary.Languages);

    /// <summary>The same for a text that exists in <paramref name="languages"/> only (e.g. an English-only page).</summary>
    public static ReaderLanguage For(string? cultureName, IReadOnlyList<string> languages)
    {
        var culture = LocalTimes.Culture(cultureName);
        var language = culture.TwoLetterISOLanguageName;
        return languages.Contains(language, StringComparer.Ordinal)
            ? new ReaderLanguage(language, culture)
            : new ReaderLanguage(DefaultLanguage, LocalTimes.Culture(EmailRecipient.DefaultCulture));
    }
}
