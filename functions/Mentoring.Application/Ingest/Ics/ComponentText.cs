namespace Mentoring.Application.Ingest.Ics;

/// <summary>Where a component lies in the file: from its BEGIN line to the end of its END line.</summary>
internal sealed record ComponentText(string File, int Start, int End, HistoryBudget Budget);
