using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>Puts an <see cref="EmailModel"/> into a template context under the names <see cref="ModelSchema"/> lists.</summary>
internal static class FluidModel
{
    public const string ZoneKey = "recipient.timeZone";

    public static TemplateContext Context(EmailModel model, TemplateOptions options)
    {
        var reader = ReaderLanguage.For(model.Recipient.Culture);
        var context = new TemplateContext(options) { CultureInfo = reader.Formats };
        context.AmbientValues[ZoneKey] = model.Recipient.TimeZoneId;

        Set(context, "facts", Facts(model, reader.Language));
        Set(context, "program", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = model.Program.Name,
            ["businessGoal"] = model.Program.BusinessGoal,
            ["sponsorName"] = model.Program.SponsorName,
            ["sponsorRole"] = model.Program.SponsorRole,
            ["sponsorWords"] = model.Program.SponsorWords,
            ["nextCycleStart"] = Instant(model.Program.NextCycleStart),
        });
        Set(context, "recipient", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["displayName"] = model.Recipient.DisplayName,
            ["firstName"] = model.Recipient.Greeting,
            ["role"] = model.Recipient.Role,
            ["timeZone"] = model.Recipient.TimeZoneId,
            ["culture"] = reader.Formats.Name,
            ["language"] = reader.Language,
        });
        Set(context, "pair", Pair(model));
        Set(context, "links", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["checkIn"] = model.Links.CheckIn,
            ["postponed"] = model.Links.Postponed,
            ["bookNext"] = model.Links.BookNext,
            ["unsubscribe"] = model.Links.Unsubscribe,
            ["dashboard"] = model.Links.Dashboard,
        });
        Set(context, "numbers", Numbers(model.Numbers));
        Set(context, "attention", (model.Attention ?? []).Select(a => Attention(a, reader.Language)).ToList());
        return context;
    }

    private static void Set(TemplateContext context, string name, object value) =>
        context.SetValue(name, FluidValue.Create(value, context.Options));

    /// <summary>Facts the engine wrote as invariant numbers become numbers, so templates can compare them.</summary>
    private static Dictionary<string, object?> Facts(EmailModel model, string language)
    {
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in ModelSchema.FactKeys(model.TemplateId))
            facts[key] = "";
        foreach (var (key, value) in model.Facts)
        {
            facts[key] = decimal.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : value;
        }

        if (ReasonWording.FromFacts(model.Facts) is { } signal && ReasonWording.In(language, signal) is { } reason)
            facts["reason"] = reason;
        return facts;
    }

    private static Dictionary<string, object?> Pair(EmailModel model)
    {
        var mentor = model.Pair?.MentorFirstName ?? "";
        var mentee = model.Pair?.MenteeFirstName ?? "";
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["mentorFirstName"] = mentor,
            ["menteeFirstName"] = mentee,
            ["partnerFirstName"] = model.Recipient.Role switch
            {
                RecipientRoles.Mentor => mentee,
                RecipientRoles.Mentee => mentor,
                _ => "",
            },
        };
    }

    private static Dictionary<string, object?> Numbers(ProgramNumbers? numbers)
    {
        var n = numbers ?? new ProgramNumbers(0, 0, 0, 0, 0, 0, 0);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["activePairs"] = n.ActivePairs,
            ["meetingsHeldThisCycle"] = n.MeetingsHeldThisCycle,
            ["healthyPairs"] = n.HealthyPairs,
            ["watchPairs"] = n.WatchPairs,
            ["atRiskPairs"] = n.AtRiskPairs,
            ["dormantPairs"] = n.DormantPairs,
            ["pairsMetInLast30Days"] = n.PairsMetInLast30Days,
            ["healthySharePercent"] = n.ActivePairs == 0 ? 0 : (int)Math.Round(100.0 * n.HealthyPairs / n.ActivePairs),
        };
    }

    private static Dictionary<string, object?> Attention(AttentionPair pair, string language) => new(StringComparer.Ordinal)
    {
        ["mentorFirstName"] = pair.MentorFirstName,
        ["menteeFirstName"] = pair.MenteeFirstName,
        ["riskLevel"] = pair.RiskLevel,
        ["healthScore"] = pair.HealthScore,
        ["daysSinceLastMeeting"] = pair.DaysSinceLastMeeting,
        ["reason"] = pair.MainSignal is { } signal ? ReasonWording.In(language, signal) ?? pair.Reason : pair.Reason,
        ["timelineUrl"] = pair.TimelineUrl,
    };

    private static string Instant(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
