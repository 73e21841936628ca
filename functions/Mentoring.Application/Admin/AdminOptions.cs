namespace Mentoring.Application.Admin;

/// <summary>Section <c>Admin</c>: the request and page caps, which bound the work one request can ask for.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>JSON bodies larger than this are refused (413).</summary>
    public int MaxJsonBytes { get; set; } = 64 * 1024;

    /// <summary>CSV imports larger than this are refused (413).</summary>
    public int MaxCsvBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A CSV header or row with more fields than this is refused (400). The widest import has 9 columns.</summary>
    public int MaxCsvColumns { get; set; } = 32;

    /// <summary>A CSV import with more data rows than this is refused (413), before anything is written.</summary>
    public int MaxCsvRows { get; set; } = 10_000;

    /// <summary>A CSV record (one row, or the header) longer than about this many bytes is refused (413).</summary>
    public int MaxCsvRecordBytes { get; set; } = 64 * 1024;

    public int DefaultPageSize { get; set; } = 50;

    public int MaxPageSize { get; set; } = 500;

    internal bool IsValid =>
        MaxJsonBytes > 0 && MaxCsvBytes > 0 && MaxCsvColumns > 0 && MaxCsvRows > 0 && MaxCsvRecordBytes >= 1024
        && DefaultPageSize is > 0 && MaxPageSize >= DefaultPageSize && MaxPageSize <= 1000;
}
