namespace Mentoring.Engine.Ledger;

/// <summary>Who, within the pair, made a change (where the source says).</summary>
public enum Party
{
    Mentor,
    Mentee,
}
