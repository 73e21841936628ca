using System.Net.Mail;

namespace Mentoring.Application.Admin;

/// <summary>Collects field errors and throws one 400 naming them all.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim();

    /// <summary>An address, or a name and an address as RFC 5322 writes them: <c>Priya Shah &lt;priya@example.com&gt;</c>.</summary>
    public static bool IsMailbox(string? value) => ParseMailbox(value) is not null;

    /// <summary>The address and the name (null when none is given) of a mailbox; null when it is not one.</summary>
    public static (string Address, string? Name)? ParseMailbox(string? value)
    {
        if (IsEmail(value))
            return (value!.Trim(), null);
        if (string.IsNullOrWhiteSpace(value) || value.Length > 460 || !MailAddress.TryCreate(value, out var mailbox)
            || !IsEmail(mailbox.Address) || !value.TrimEnd().EndsWith('>') || mailbox.DisplayName.Length is 0 or > 200)
            return null;
        return (mailbox.Address, mailbox.DisplayName);
    }

    /// <summary>What a culture field must be, said the same way wherever one is refused.</summary>
    public const string CultureRule =
        "A BCP 47 language tag .NET knows, e.g. de-DE, de-AT, en-GB or en-US (at most 35 characters).";

    /// <summary>
    /// A BCP 47 tag for a culture .NET knows (e.g. de-DE): not a made-up one it would accept silently, not the invariant
    /// culture.
    /// </summary>
    public static bool IsCulture(string? value) => Culture(value) is not null;

    /// <summary>The culture's canonical name (de-de → de-DE); null for none.</summary>
    public static string? CultureName(string? value) => string.IsNullOrWhiteSpace(value) ? null : Culture(value)?.Name ?? value.Trim();

    private static System.Globalization.CultureInfo? Culture(string? value)
    {
        // '_' is not BCP 47 (en_GB is a POSIX locale name) though ICU would read it; only letters, digits and '-'.
        if (string.IsNullOrWhiteSpace(value) || value.Length > 35 || !value.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return null;
        try
        {
            var culture = System.Globalization.CultureInfo.GetCultureInfo(value.Trim(), predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return null;
        }
    }

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
