namespace Mentoring.Application.Ingest.Normalising;

/// <summary>Finds the Zoom meeting id in a join URL (<c>https://…zoom.us/j/85746372610?pwd=…</c>), to link meeting.ended.</summary>
internal static class ZoomLinks
{
    public static string? AliasKey(string? joinUrl)
    {
        if (!Uri.TryCreate(joinUrl, UriKind.Absolute, out var uri)
            || !(uri.Host.Equals("zoom.us", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".zoom.us", StringComparison.OrdinalIgnoreCase)))
            return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is [.., "j" or "w", var id] && id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit) ? $"zoom:{id}" : null;
    }
}
