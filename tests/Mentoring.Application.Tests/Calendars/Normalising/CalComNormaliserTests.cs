using Mentoring.Application.Ingest.CalCom;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Engine.Ledger;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Normalising;

public sealed class CalComNormaliserTests
{
    private const string OldMeeting = "calcom:bFJeNb2uX8ANpT3JL5EfXw";

    [Fact]
    public void BookingCreated_Scheduled()
    {
        var change = Assert.Single(new Ledger(CalComNormaliser.Normalise).Deliver("calcom/booking-created.json").Observations);
        Assert.Equal(ChangeKind.Scheduled, change.Kind);
        Assert.Equal(OldMeeting, change.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:00:00Z", null), change.Start);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:45:00Z", null), change.End);
        Assert.Equal(DateTimeOffset.Parse("2025-03-10T09:30:00.538Z", null), change.ChangedAt);
    }

    [Fact]
    public void BookingRescheduled_ContinuesTheOldBookingsMeetingAndAliasesTheNewUid()
    {
        var ledger = new Ledger(CalComNormaliser.Normalise);
        ledger.Deliver("calcom/booking-created.json");
        var moved = Assert.Single(ledger.Deliver("calcom/booking-rescheduled.json").Observations);

        Assert.Equal(ChangeKind.Rescheduled, moved.Kind);
        Assert.Equal(OldMeeting, moved.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:00:00Z", null), moved.PreviousStart);
        Assert.Equal(DateTimeOffset.Parse("2025-03-25T13:00:00Z", null), moved.Start);
        Assert.Equal(OldMeeting, ledger.Aliases["calcom:9d1cQmZk2PqRm7VvWq3xYz"]);
        Assert.Equal(Party.Mentee, ledger.Changes.Single(c => c.Kind == ChangeKind.Rescheduled).ChangedBy);
    }

    [Fact]
    public void BookingCancelled_OnTheNewUid_CancelsTheSameMeetingWithReasonAndCanceler()
    {
        var ledger = new Ledger(CalComNormaliser.Normalise);
        ledger.Deliver("calcom/booking-created.json");
        ledger.Deliver("calcom/booking-rescheduled.json");
        ledger.Deliver("calcom/booking-cancelled.json");

        var cancelled = ledger.Changes.Single(c => c.Kind == ChangeKind.Cancelled);
        Assert.Equal(OldMeeting, cancelled.MeetingId);
        Assert.Equal("Release deadline moved up, can't make it", cancelled.Reason);
        Assert.Equal(Party.Mentee, cancelled.ChangedBy);
        Assert.Single(ledger.Changes.Select(c => c.MeetingId).Distinct());
    }

    [Fact]
    public void NoShowUpdated_NoShowByTheAbsentAttendee()
    {
        var ledger = new Ledger(CalComNormaliser.Normalise);
        ledger.Deliver("calcom/booking-created.json");
        var result = ledger.Deliver("calcom/booking-no-show-updated.json");

        var noShow = Assert.Single(result.Observations);
        Assert.Equal(ChangeKind.NoShow, noShow.Kind);
        Assert.Equal(OldMeeting, noShow.MeetingId);
    }

    [Fact]
    public void MeetingEnded_FlatShape_HeldForTheBooking()
    {
        var held = Assert.Single(new Ledger(CalComNormaliser.Normalise).Deliver("calcom/meeting-ended.json").Observations);
        Assert.Equal(ChangeKind.Held, held.Kind);
        Assert.Equal(OldMeeting, held.MeetingId);
        Assert.Contains("maria.mentor@contoso.com", held.Participants);
    }

    [Fact]
    public void Deliveries_DuplicatedAndReordered_ConvergeToTheSameLedger()
    {
        string[] order = ["calcom/booking-created.json", "calcom/booking-rescheduled.json", "calcom/booking-cancelled.json"];
        var inOrder = new Ledger(CalComNormaliser.Normalise);
        foreach (var sample in order)
            inOrder.Deliver(sample);

        var shuffled = new Ledger(CalComNormaliser.Normalise);
        foreach (var sample in new[] { order[1], order[0], order[1], order[2], order[0], order[2] })
            shuffled.Deliver(sample);

        Assert.Equal(inOrder.Changes, shuffled.Changes);
        Assert.Equal(3, inOrder.Changes.Count);
    }

    [Theory]
    [InlineData("{\"triggerEvent\":\"BOOKING_PAID\",\"createdAt\":\"2025-03-10T09:30:00Z\",\"payload\":{}}", NormalisedStatus.Ignored)]
    [InlineData("{\"triggerEvent\":\"BOOKING_CREATED\",\"createdAt\":\"2025-03-10T09:30:00Z\",\"payload\":{\"uid\":7}}", NormalisedStatus.Invalid)]
    [InlineData("{\"payload\":{}}", NormalisedStatus.Invalid)]
    [InlineData("[]", NormalisedStatus.Invalid)]
    [InlineData("{", NormalisedStatus.Invalid)]
    public void Normalise_OddShapes_IgnoredOrInvalid(string body, NormalisedStatus expected) =>
        Assert.Equal(expected, CalComNormaliser.Normalise(System.Text.Encoding.UTF8.GetBytes(body), new Dictionary<string, string>()).Status);
}
