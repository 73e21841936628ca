namespace Mentoring.Engine.Sending;

/// <summary>
/// A capped email's place in its recipient's weeks, across all their programs: when it went or is booked to go, and the
/// order in which it was booked (its turn).
/// </summary>
public readonly record struct CapPlace(DateTimeOffset At, long Turn);

/// <summary>
/// Which of a person's booked places an email is judged against: first booked, first served. An email counts the places
/// booked before its own, and every place whose time has come (those went, or are going, whatever their turn). Places
/// booked after its own were judged around it; they are the ones to move if it goes a little later than booked.
/// </summary>
public static class CapPlaces
{
    public static IReadOnlyList<DateTimeOffset> ThatCount(IEnumerable<CapPlace> others, long? ownTurn, DateTimeOffset now)
    {
        var counted = new List<DateTimeOffset>();
        foreach (var place in others)
        {
            if (SendWindow.StillCounts(place.At, now) && (ownTurn is not { } turn || place.Turn < turn || place.At <= now))
                counted.Add(place.At);
        }

        return counted;
    }
}
