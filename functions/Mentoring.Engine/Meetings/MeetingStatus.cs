namespace Mentoring.Engine.Meetings;

public enum MeetingStatus
{
    /// <summary>Booked and still ahead (or running).</summary>
    Scheduled,
    /// <summary>Took place: confirmed by a provider or a check-in, or presumed because its end passed uncancelled.</summary>
    Held,
    Cancelled,
    NoShow,
}
