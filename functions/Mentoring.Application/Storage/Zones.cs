namespace Mentoring.Application.Storage;

/// <summary>IANA zone ids to <see cref="TimeZoneInfo"/>: the one place local times meet instants.</summary>
internal static class Zones
{
    public static TimeZoneInfo Resolve(string ianaId)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
            return zone;
        if (TimeZoneInfo.TryConvertIanaIdToWindowsId(ianaId, out var windowsId)
            && TimeZoneInfo.TryFindSystemTimeZoneById(windowsId, out zone))
            return zone;
        throw new InvalidOperationException($"Unknown IANA time zone '{ianaId}'.");
    }
}
