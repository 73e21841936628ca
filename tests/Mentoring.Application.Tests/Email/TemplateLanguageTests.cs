using System.Text.RegularExpressions;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Validation;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// Every language has every part of every template and of the layout, reads exactly the variables English reads (so a
/// translation cannot silently drop a fact or a link), and validates against the model.
/// </summary>
public sealed partial class TemplateLanguageTests
{
    /// <summary>Every language but English (German; each test checks every one).</summary>
    private static IEnumerable<string> OtherLanguages => TemplateLibrary.Languages.Where(l => l != ReaderLanguage.DefaultLanguage);

    [Fact]
    public void Languages_EnglishFirst_AndTwoLetterCodes()
    {
        Assert.Equal("en", TemplateLibrary.Languages[0]);
        Assert.All(TemplateLibrary.Languages, l => Assert.Matches("^[a-z]{2}$", l));
        Assert.Contains("de", TemplateLibrary.Languages);
    }

    [Fact]
    public void Language_EveryTemplatePart_ReadsTheSameVariablesAsEnglish()
    {
        foreach (var language in OtherLanguages)
            Language_EveryTemplatePart_ReadsTheSameVariablesAsEnglishIn(language);
    }

    private static void Language_EveryTemplatePart_ReadsTheSameVariablesAsEnglishIn(string language)
    {
        var differences = new List<string>();
        foreach (var templateId in TemplateIds.All)
        {
            foreach (var part in Enum.GetValues<TemplatePart>())
            {
                var english = TemplateVariables.Of(TemplateLibrary.Source(templateId, part));
                var translated = TemplateVariables.Of(TemplateLibrary.Source(templateId, part, language));
                Compare($"{templateId}.{part}", english, translated, differences);
            }
        }

        foreach (var part in new[] { TemplatePart.Html, TemplatePart.Text })
            Compare($"layout.{part}", TemplateVariables.Of(TemplateLibrary.LayoutSource(part)), TemplateVariables.Of(TemplateLibrary.LayoutSource(part, language)), differences);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void Language_EveryTemplatePart_ValidatesAgainstTheModel()
    {
        foreach (var language in OtherLanguages)
            Language_EveryTemplatePart_ValidatesAgainstTheModelIn(language);
    }

    private static void Language_EveryTemplatePart_ValidatesAgainstTheModelIn(string language)
    {
        foreach (var templateId in TemplateIds.All)
        {
            foreach (var part in Enum.GetValues<TemplatePart>())
            {
                var validation = TemplateValidator.Validate(templateId, part, TemplateLibrary.Source(templateId, part, language));
                Assert.True(validation.IsValid, $"{language}/{templateId} {part}: {string.Join("; ", validation.Errors)}");
            }
        }
    }

    [Fact]
    public void Language_Layout_SameMarkupAsEnglish_OnlyTheWordsDiffer()
    {
        foreach (var language in OtherLanguages)
            Language_Layout_SameMarkupAsEnglish_OnlyTheWordsDifferIn(language);
    }

    private static void Language_Layout_SameMarkupAsEnglish_OnlyTheWordsDifferIn(string language)
    {
        // The styles, colours and structure live once in spirit: a translated layout may change words, not tags.
        var english = Tags().Matches(TemplateLibrary.LayoutSource(TemplatePart.Html)).Select(m => m.Value).ToList();
        var translated = Tags().Matches(TemplateLibrary.LayoutSource(TemplatePart.Html, language)).Select(m => m.Value).ToList();

        Assert.Equal(english, translated);
        Assert.Equal(
            Style().Match(TemplateLibrary.LayoutSource(TemplatePart.Html)).Value,
            Style().Match(TemplateLibrary.LayoutSource(TemplatePart.Html, language)).Value);
    }

    [Fact]
    public void Variables_OfATemplate_PathsWithLoopItemsNamedByTheirList()
    {
        var variables = TemplateVariables.Of(
            "{% capture preheader %}{{ facts.reason }}{% endcapture %}{% for item in attention %}{{ item.reason }}{% endfor %}{{ preheader }}{% assign n = facts.streak %}{{ n }}");

        Assert.Equal(["attention", "attention[].reason", "facts.reason", "facts.streak"], variables);
    }

    [Fact]
    public void Compare_ATranslationThatDropsALinkOrAddsAFact_IsCaught()
    {
        var english = TemplateVariables.Of("Hi {{ recipient.firstName }}: {{ facts.streak }} in a row. {{ links.bookNext }}");
        var translated = TemplateVariables.Of("Hallo {{ recipient.firstName }}: {{ facts.streak }} in Folge, {{ facts.healthScore }}.");
        var differences = new List<string>();

        Compare("ladder-nudge.Text", english, translated, differences);

        Assert.Equal(["ladder-nudge.Text misses links.bookNext", "ladder-nudge.Text reads facts.healthScore, which English does not"], differences);
    }

    private static void Compare(string what, SortedSet<string> english, SortedSet<string> translated, List<string> differences)
    {
        var missing = english.Except(translated).ToList();
        var extra = translated.Except(english).ToList();
        if (missing.Count > 0)
            differences.Add($"{what} misses {string.Join(", ", missing)}");
        if (extra.Count > 0)
            differences.Add($"{what} reads {string.Join(", ", extra)}, which English does not");
    }

    [GeneratedRegex(@"<[a-zA-Z/!][^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Style();
}
