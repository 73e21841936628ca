using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>A calendar read as one pair's ledger, with what was left out of the window read (one sentence each).</summary>
public sealed record IcsLedger(IReadOnlyList<LedgerChange> Changes, IReadOnlyList<string> Notes);
