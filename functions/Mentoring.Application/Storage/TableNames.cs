namespace Mentoring.Application.Storage;

/// <summary>The tables, and what each row is keyed by (see docs/decisions for the due-index).</summary>
internal static class TableNames
{
    /// <summary>PK = program; RK = "program" | "profile" | "cycle~{cycle}" | "template~{template id}" (a program's own text).</summary>
    public const string Programs = "programs";

    /// <summary>PK = program; RK = participant.</summary>
    public const string Participants = "participants";

    /// <summary>PK = program; RK = pair: who the pair is, and the summary of its last evaluation.</summary>
    public const string Pairs = "pairs";

    /// <summary>PK = program~pair (or program~ for the program): "state", "chg~{change}", "msg~{key}", "evt~{event}".</summary>
    public const string PairLogs = "pairlogs";

    /// <summary>PK = shard; RK = {due ticks}~program~pair. The sweep reads the rows before now, nothing else.</summary>
    public const string DueIndex = "dueindex";

    /// <summary>PK = scope; RK = id: one insert-if-absent row per unit of work done.</summary>
    public const string Dedupe = "dedupe";

    /// <summary>PK = participant; RK = "pair~{program}~{pair}": every partition that holds rows about a person (erasure).</summary>
    public const string People = "people";

    /// <summary>PK = keyed hash of an address; RK = "" (everywhere) or <c>program~{id}</c>. Holds no address; survives erasure (see Email/Suppressions).</summary>
    public const string Suppressions = "suppressions";

    /// <summary>PK = program; RK = local day "yyyy-MM-dd": the program's summary as that day's last sweep saw it (no personal data).</summary>
    public const string ProgramDays = "programdays";

    /// <summary>
    /// PK = keyed hash of an address (as <see cref="Suppressions"/>); RK = "capped": when the person's capped emails went
    /// or are booked to go, across programs, for the weekly cap (see Outbox/SendLedger). Holds no address, and claims
    /// that name no program or pair; places older than 7 days are dropped as the row is written.
    /// </summary>
    public const string SendLedger = "sendledger";

    public static IReadOnlyList<string> All { get; } = [Programs, Participants, Pairs, PairLogs, DueIndex, Dedupe, People, Suppressions, ProgramDays, SendLedger];
}
