using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

/// <summary>
/// Every template in every language, rendered as sent, read as a reader's client would: each piece of text against the background it
/// sits on, in the light colours of the inline styles and in the dark colours of the layout's
/// <c>prefers-color-scheme: dark</c> rules, must reach WCAG 2.2 AA (4.5:1); the email has one <c>h1</c>, declares
/// both colour schemes, and its stat cells stack on a narrow screen.
/// </summary>
public sealed partial class TemplateAccessibilityTests
{
    private const double AaContrast = 4.5;

    /// <summary>Every template with a reader of each language: the German words sit in the same markup as the English.</summary>
    public static TheoryData<string, string> Templates()
    {
        var data = new TheoryData<string, string>();
        foreach (var templateId in TemplateIds.All)
        {
            foreach (var culture in new[] { "en-GB", "de-DE" })
                data.Add(templateId, culture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_EveryTextColour_ReachesAaOnItsBackgroundInLightAndDark(string templateId, string culture)
    {
        var document = Parse(templateId, culture);
        var dark = DarkRules(document);
        var failures = new List<string>();
        foreach (var element in TextElements(document))
        {
            var text = Snippet(element);
            var light = Contrast(Colour(element, TextColour, null), Colour(element, BackgroundColour, null) ?? White);
            if (light < AaContrast)
                failures.Add($"light {light:F2}:1 \"{text}\"");
            var inDark = Contrast(Colour(element, TextColour, dark), Colour(element, BackgroundColour, dark) ?? White);
            if (inDark < AaContrast)
                failures.Add($"dark {inDark:F2}:1 \"{text}\"");
        }

        Assert.True(failures.Count == 0, $"{templateId} ({culture}): text below {AaContrast}:1\n" + string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_HasOneHeadingBothColourSchemesAndStackingStats(string templateId, string culture)
    {
        var document = Parse(templateId, culture);

        var heading = Assert.Single(document.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(heading.TextContent));
        Assert.Equal("light dark", document.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content"));
        var styles = string.Join("\n", document.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.Matches(@"@media screen and \(max-width: 480px\)\s*\{\s*td\.stat \{ display: block !important;", styles);
        Assert.All(document.QuerySelectorAll("td[width='33%']"), cell => Assert.Contains("stat", cell.ClassList));
        Assert.Equal(LocalTimes.Culture(culture).TwoLetterISOLanguageName, document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_EachLanguage_SameHeadingsStatCellsAndLinksAsEnglish(string templateId, string culture)
    {
        var english = Parse(templateId, "en-GB");
        var reader = Parse(templateId, culture);

        Assert.Equal(english.QuerySelectorAll("h1, h2").Length, reader.QuerySelectorAll("h1, h2").Length);
        Assert.Equal(english.QuerySelectorAll("td.stat").Length, reader.QuerySelectorAll("td.stat").Length);
        Assert.Equal(english.QuerySelectorAll("a").Length, reader.QuerySelectorAll("a").Length);
    }

    [Fact]
    public void Contrast_KnownPairs_MatchTheWcagFormula()
    {
        Assert.Equal(21.0, Contrast(Black, White), 2);
        Assert.Equal(4.54, Contrast(Rgb("#767676"), White), 2); // the lightest grey that passes on white
    }

    private static IDocument Parse(string templateId, string culture) =>
        new HtmlParser().ParseDocument(EmailRenderer.Render(Samples.For(templateId, culture)).Html);

    /// <summary>Elements that hold text of their own, outside the head and the hidden preheader.</summary>
    private static IEnumerable<IElement> TextElements(IDocument document) =>
        document.Body!.QuerySelectorAll("*").Prepend(document.Body).Where(e =>
            e.ChildNodes.Any(n => n.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(n.TextContent))
            && !AncestorsAndSelf(e).Any(a => Style(a).Contains("display:none", StringComparison.Ordinal)));

    /// <summary>
    /// The colour a property resolves to: the nearest element, self first, that sets it, inline or (in dark mode) by a
    /// class the dark rules recolour; a class rule wins over the inline colour, as the rules' <c>!important</c> does.
    /// </summary>
    private static (double R, double G, double B)? Colour(IElement element, Regex property, Dictionary<(string Class, string Property), string>? dark)
    {
        var name = property == TextColour ? "color" : "background-color";
        foreach (var node in AncestorsAndSelf(element))
        {
            if (dark is not null && node.ClassList.Select(c => dark.TryGetValue((c, name), out var v) ? v : null).FirstOrDefault(v => v is not null) is { } recoloured)
                return Rgb(recoloured);
            if (property.Match(Style(node)) is { Success: true } inline)
                return Rgb(inline.Groups["hex"].Value);
        }

        return property == TextColour ? Black : null;
    }

    private static Dictionary<(string Class, string Property), string> DarkRules(IDocument document)
    {
        var css = string.Join("\n", document.QuerySelectorAll("style").Select(s => s.TextContent));
        var block = DarkBlock().Match(css);
        Assert.True(block.Success, "the layout has no prefers-color-scheme: dark rules");
        return DarkRule().Matches(block.Groups["rules"].Value).ToDictionary(
            m => (m.Groups["class"].Value, m.Groups["property"].Value),
            m => m.Groups["hex"].Value);
    }

    private static IEnumerable<IElement> AncestorsAndSelf(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            yield return e;
    }

    private static string Style(IElement element) => (element.GetAttribute("style") ?? "").Replace(" ", "", StringComparison.Ordinal);

    private static string Snippet(IElement element)
    {
        var text = string.Join(" ", element.ChildNodes.Where(n => n.NodeType == NodeType.Text).Select(n => n.TextContent.Trim()));
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private static double Contrast((double R, double G, double B)? foreground, (double R, double G, double B) background)
    {
        var a = Luminance(foreground ?? Black);
        var b = Luminance(background);
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }

    private static (double R, double G, double B) Rgb(string hex) =>
        (Byte(hex, 1) / 255.0, Byte(hex, 3) / 255.0, Byte(hex, 5) / 255.0);

    private static int Byte(string hex, int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static readonly (double R, double G, double B) White = (1, 1, 1);
    private static readonly (double R, double G, double B) Black = (0, 0, 0);
    private static readonly Regex TextColour = TextColourPattern();
    private static readonly Regex BackgroundColour = BackgroundColourPattern();

    [GeneratedRegex("(?:^|;)color:(?<hex>#[0-9a-fA-F]{6})")]
    private static partial Regex TextColourPattern();

    [GeneratedRegex("background-color:(?<hex>#[0-9a-fA-F]{6})")]
    private static partial Regex BackgroundColourPattern();

    [GeneratedRegex(@"@media \(prefers-color-scheme: dark\)\s*\{(?<rules>(?:[^{}]*\{[^{}]*\})*)\s*\}")]
    private static partial Regex DarkBlock();

    [GeneratedRegex(@"\.(?<class>[a-z0-9-]+)\s*\{\s*(?<property>color|background-color):\s*(?<hex>#[0-9a-fA-F]{6})\s*!important;\s*\}")]
    private static partial Regex DarkRule();
}
