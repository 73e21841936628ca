using System.Diagnostics;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Ics;

namespace Mentoring.IcsBench;

/// <summary>A feed read as the poller and the connect route read it: the feed limits, a horizon 30 days past the file's last change.</summary>
internal static class FeedRead
{
    public static ReplayProcess Run(string path)
    {
        var text = File.ReadAllText(path);
        var clock = Stopwatch.StartNew();
        try
        {
            var history = IcsHistory.Parse(text, budget: new HistoryBudget(HistoryLimits.Feed));
            var read = history.Read(new IcsLedgerOptions((history.LastChangeAt ?? HistoryLimits.Earliest) + TimeSpan.FromDays(30)));
            clock.Stop();
            return new ReplayProcess(0, clock.Elapsed, 0, $"{{\"summary\":{{\"events\":{history.EventCount},\"changes\":{read.Changes.Count},\"outside\":{read.Notes.Count}}}}}", string.Empty);
        }
        catch (HistoryFormatException e)
        {
            clock.Stop();
            return new ReplayProcess(2, clock.Elapsed, 0, string.Empty, e.Message);
        }
    }
}
