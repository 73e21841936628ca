namespace Mentoring.Application.Admin;

/// <summary>Section <c>Admin</c>: the request and page caps.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>JSON bodies larger than this are refused (413).</summary>
    public int MaxJsonBytes { get; set; } = 64 * 1024;

    /// <summary>CSV imports larger than this are refused (413).</summary>
    public int MaxCsvBytes { get; set; } = 8 * 1024 * 1024;

    public int DefaultPageSize { get; set; } = 50;

    public int MaxPageSize { get; set; } = 500;

    internal bool IsValid => MaxJsonBytes > 0 && MaxCsvBytes > 0 && DefaultPageSize is > 0 && MaxPageSize >= DefaultPageSize && MaxPageSize <= 1000;
}
