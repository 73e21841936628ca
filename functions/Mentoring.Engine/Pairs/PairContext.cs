namespace Mentoring.Engine.Pairs;

/// <summary>Everything about a pair except its ledger and message history.</summary>
/// <param name="PairId">The pair's id.</param>
/// <param name="ProgramId">The program's id.</param>
/// <param name="Mentor">The mentor.</param>
/// <param name="Mentee">The mentee.</param>
/// <param name="StartedAt">When the pair started (the later of the cycle start and the pairing).</param>
/// <param name="Cycle">The current cycle, if any.</param>
/// <param name="ProgramTimeZone">The zone used for sponsor and admin messages.</param>
/// <param name="Status">Active, paused or ended.</param>
/// <param name="StatusChangedAt">When it was last paused or resumed (a resumed pair opens a new episode).</param>
/// <param name="HasSponsor">Whether the program has a sponsor to write to at step 3.</param>
public sealed record PairContext(
    string PairId,
    string ProgramId,
    Participant Mentor,
    Participant Mentee,
    DateTimeOffset StartedAt,
    CycleWindow? Cycle,
    TimeZoneInfo ProgramTimeZone,
    PairStatus Status = PairStatus.Active,
    DateTimeOffset? StatusChangedAt = null,
    bool HasSponsor = true)
{
    public Participant this[Ledger.Party party] => party == Ledger.Party.Mentor ? Mentor : Mentee;
}
