using System.ComponentModel.DataAnnotations;

namespace Mentoring.Application.Outbox.Sending;

/// <summary>Settings of the SendGrid sender (section "SendGrid").</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    [Required]
    public string ApiKey { get; set; } = "";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "";

    /// <summary>SendGrid's API root; tests point it at a loopback server.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com");

    /// <summary>Validate and accept without sending (SendGrid answers 200 and delivers nothing).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>How long one request may take before it counts as a timeout and is retried later.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry delay when the answer names none; doubled for each further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Extra categories on every email (the template id is always one); SendGrid allows 10 in all.</summary>
    public IList<string> Categories { get; } = ["mentoring-engine"];
}
