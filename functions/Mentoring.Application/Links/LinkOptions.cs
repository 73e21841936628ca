using System.ComponentModel.DataAnnotations;

namespace Mentoring.Application.Links;

/// <summary>Section <c>Links</c>: how the links in our emails are signed and where they point.</summary>
internal sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>The HMAC-SHA256 key links are signed with (at least 32 characters; keep it in Key Vault).</summary>
    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = "";

    /// <summary>The key before the last rotation: links it signed still verify until they expire.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>The public root the links start with, e.g. https://mentoring.example.org (the routes add /api/…).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>The mailbox List-Unsubscribe also names (mailto); none when empty.</summary>
    public string? UnsubscribeMailto { get; set; }

    /// <summary>Where sponsor and admin emails point for the program's dashboard; none when empty.</summary>
    public Uri? DashboardUrl { get; set; }

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan CheckInLifetime { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "1.00:00:00", "730.00:00:00")]
    public TimeSpan UnsubscribeLifetime { get; set; } = TimeSpan.FromDays(365);

    public IEnumerable<string> VerificationKeys()
    {
        yield return SigningKey;
        if (!string.IsNullOrEmpty(PreviousSigningKey))
            yield return PreviousSigningKey;
    }
}
