using System.Net.Mail;

namespace Mentoring.Application.Admin;

/// <summary>Collects field errors and throws one 400 naming them all.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim();

    public static bool IsZone(string? value) =>
        !string.IsNullOrWhiteSpace(value) && TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone)
        && (zone.HasIanaId || value == "UTC");

    /// <summary>Ids become table keys and URL segments: letters, digits, '-', '_', '.', at most 64.</summary>
    public static bool IsId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public Validation Require(bool ok, string field, string reason)
    {
        if (!ok)
            _errors[field] = [.. (_errors.TryGetValue(field, out var had) ? had : []), reason];
        return this;
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw ApiProblem.Invalid("Some fields are not valid: " + string.Join(", ", _errors.Keys) + ".", _errors);
    }
}
