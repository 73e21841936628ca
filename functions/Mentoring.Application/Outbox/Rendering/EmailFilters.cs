using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The filters our templates add to Liquid's: <c>local_datetime</c>, <c>local_date</c>, <c>local_time</c> (an ISO
/// instant in the recipient's zone and culture, through <see cref="LocalTimes"/>), <c>local_clock</c> (the time of day
/// without the zone, for a subject: the body names the zone) and <c>plural: 'one', 'many'</c>.
/// </summary>
internal static class EmailFilters
{
    public static IReadOnlyList<string> Names { get; } = ["local_datetime", "local_date", "local_time", "local_clock", "plural"];

    public static void AddTo(TemplateOptions options)
    {
        options.Filters.AddFilter("local_datetime", (input, _, context) => Local(input, context, LocalTimes.DateTime));
        options.Filters.AddFilter("local_date", (input, _, context) => Local(input, context, LocalTimes.Date));
        options.Filters.AddFilter("local_time", (input, _, context) => Local(input, context, LocalTimes.Time));
        options.Filters.AddFilter("local_clock", (input, _, context) => Local(input, context, LocalTimes.Clock));
        options.Filters.AddFilter("plural", Plural);
    }

    private static ValueTask<FluidValue> Local(
        FluidValue input, TemplateContext context, Func<DateTimeOffset, string, CultureInfo, string> format)
    {
        var text = input.ToStringValue();
        if (string.IsNullOrEmpty(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            return new ValueTask<FluidValue>(StringValue.Empty);
        var zone = context.AmbientValues.TryGetValue(FluidModel.ZoneKey, out var z) && z is string id ? id : "UTC";
        return new ValueTask<FluidValue>(new StringValue(format(instant, zone, context.CultureInfo)));
    }

    /// <summary><c>{{ n | plural: 'meeting', 'meetings' }}</c>: the first word for exactly one, the second otherwise.</summary>
    private static ValueTask<FluidValue> Plural(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new(new StringValue(input.ToNumberValue() == 1 ? arguments.At(0).ToStringValue() : arguments.At(1).ToStringValue()));
}
