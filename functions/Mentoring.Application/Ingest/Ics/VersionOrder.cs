namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// Orders the versions of one meeting (same UID and RECURRENCE-ID) from first to last, the last one winning.
/// The higher SEQUENCE wins; a version without SEQUENCE (Outlook's CANCEL) counts as the highest SEQUENCE stamped
/// before it, so a late CANCEL wins even when it arrives first in the file. Ties go to the later DTSTAMP, then to the
/// cancellation, then to the later position in the file.
/// </summary>
internal static class VersionOrder
{
    public static List<EventVersion> Sort(IEnumerable<EventVersion> versions)
    {
        var all = versions.ToList();
        if (all.Count == 1)
            return all; // most meetings of an export: nothing to order
        var effective = all.ToDictionary(
            v => v,
            v => v.Sequence ?? all.Where(o => o.Sequence is not null && o.OrderStamp <= v.OrderStamp).Select(o => o.Sequence!.Value).DefaultIfEmpty(0).Max());
        return [.. all
            .OrderBy(v => effective[v])
            .ThenBy(v => v.OrderStamp)
            .ThenBy(v => v.Cancelled)
            .ThenBy(v => v.Index)];
    }
}
