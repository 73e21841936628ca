using Fluid;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>The one parser and options every email template uses (both are thread-safe and meant to be shared).</summary>
internal static class Liquid
{
    /// <summary>Bounds a runaway loop in a program's override.</summary>
    public const int MaxSteps = 100_000;

    public static FluidParser Parser { get; } = new();

    public static TemplateOptions Options { get; } = CreateOptions();

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = MaxSteps, StrictFilters = true };
        EmailFilters.AddTo(options);
        return options;
    }
}
