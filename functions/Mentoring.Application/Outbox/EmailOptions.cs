using System.ComponentModel.DataAnnotations;

namespace Mentoring.Application.Outbox;

/// <summary>Section <c>Email</c>.</summary>
internal sealed class EmailOptions
{
    /// <summary>Where the local sender writes .eml files (relative to the working directory).</summary>
    [Required]
    public string OutboxDirectory { get; set; } = ".outbox";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "mentoring@example.org";

    [Required]
    public string FromName { get; set; } = "Mentoring program";

    /// <summary>
    /// How long a dispatcher's claim on an outbox row holds before another may send it (see
    /// docs/decisions/0003-exactly-once-email.md): longer than any send, shorter than a retry after a crash.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}
