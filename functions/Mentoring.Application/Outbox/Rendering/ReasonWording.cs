using System.Globalization;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Signals;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The engine's one-line reason (<see cref="Signal.Describe"/>, English) in the reader's language: the engine decides
/// the signal and its count, and the email says it in the language of its template.
/// </summary>
internal static class ReasonWording
{
    /// <summary>The main signal as the engine wrote it into a decision's facts; null when the facts carry none.</summary>
    public static Signal? FromFacts(IReadOnlyDictionary<string, string> facts)
    {
        if (!facts.TryGetValue("reasonKind", out var kind) || !Enum.TryParse<SignalKind>(kind, out var signalKind))
            return null;
        var count = facts.TryGetValue("reasonCount", out var c) && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var party = facts.TryGetValue("reasonParty", out var p) && Enum.TryParse<Party>(p, out var who) ? who : (Party?)null;
        return new Signal(signalKind, default, count, party, facts.GetValueOrDefault("reasonNeverMet") == "true");
    }

    /// <summary>The reason in <paramref name="language"/>; null where that language says it as the engine does (English).</summary>
    public static string? In(string language, Signal signal) => language switch
    {
        "de" => German(signal),
        _ => null,
    };

    private static string German(Signal s)
    {
        var n = s.Count.ToString(CultureInfo.InvariantCulture);
        var days = s.Count == 1 ? "Tag" : "Tagen"; // dative: "seit 3 Tagen", "in den 3 Tagen"
        var noMeeting = s.NeverMet ? $"In den {n} {days} seit dem Start kein Treffen" : $"Seit {n} {days} kein Treffen";
        return s.Kind switch
        {
            SignalKind.Drifting => $"{noMeeting} und keines geplant.",
            SignalKind.AtRisk => $"{noMeeting} und keines geplant: gefährdet.",
            SignalKind.Dormant => $"{noMeeting}: ruhend.",
            SignalKind.RepeatedPostponement => $"{n} {(s.Count == 1 ? "Verschiebung oder Absage" : "Verschiebungen oder Absagen")} {(s.NeverMet ? "und noch kein Treffen" : "seit dem letzten Treffen")}.",
            SignalKind.LateChange => $"{n} {(s.Count == 1 ? "Änderung" : "Änderungen")} weniger als einen Tag vor dem Treffen.",
            SignalKind.CancelledNotRebooked => $"Ein Treffen wurde abgesagt und seit {n} {days} kein neues gebucht.",
            SignalKind.OneSided => s.Party == Party.Mentor ? "Die meisten der letzten Änderungen kamen vom Mentor." : "Die meisten der letzten Änderungen kamen vom Mentee.",
            SignalKind.SlowStart => $"{n} {(s.Count == 1 ? "Tag" : "Tage")} nach dem Start noch kein erstes Treffen.",
            SignalKind.ProgramCrunch => "Das Programm steckt in einer Stichtagsphase: einzelne Erinnerungen werden zurückgehalten.",
            SignalKind.CancelledAfterReminder => "Ein Treffen wurde direkt nach unserer Erinnerung abgesagt (zählt nicht als Abdriften).",
            _ => s.Describe(),
        };
    }
}
