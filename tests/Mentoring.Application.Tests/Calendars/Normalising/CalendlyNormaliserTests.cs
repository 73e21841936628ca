using Mentoring.Application.Ingest.Calendly;
using Mentoring.Engine.Ledger;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Normalising;

public sealed class CalendlyNormaliserTests
{
    private const string Meeting = "calendly:https://api.calendly.com/scheduled_events/EVT1AAAAAAAAAAAA/invitees/INV1AAAAAAAAAAAA";

    [Fact]
    public void InviteeCreated_Scheduled()
    {
        var ledger = new Ledger(CalendlyNormaliser.Normalise);
        var scheduled = Assert.Single(ledger.Deliver("calendly/invitee-created.json").Observations);
        Assert.Equal(ChangeKind.Scheduled, scheduled.Kind);
        Assert.Equal(Meeting, scheduled.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:00:00Z", null), scheduled.Start);
        Assert.Equal(Meeting, ledger.Aliases["zoom:85746372610"]);
    }

    [Fact]
    public void Reschedule_CancelThenCreate_OneRescheduledNoCancelled()
    {
        var ledger = new Ledger(CalendlyNormaliser.Normalise);
        ledger.Deliver("calendly/invitee-created.json");
        ledger.Deliver("calendly/invitee-canceled-rescheduled.json");
        ledger.Deliver("calendly/invitee-created-rescheduled.json");

        Assert.DoesNotContain(ledger.Changes, c => c.Kind == ChangeKind.Cancelled);
        var moved = Assert.Single(ledger.Changes, c => c.Kind == ChangeKind.Rescheduled);
        Assert.Equal(Meeting, moved.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-27T10:00:00Z", null), moved.Start);
        Assert.Equal(Party.Mentee, moved.ChangedBy);
    }

    [Fact]
    public void Reschedule_CreateBeforeCancel_ConvergesToTheSameLedger()
    {
        var cancelFirst = new Ledger(CalendlyNormaliser.Normalise);
        cancelFirst.Deliver("calendly/invitee-created.json");
        cancelFirst.Deliver("calendly/invitee-canceled-rescheduled.json");
        cancelFirst.Deliver("calendly/invitee-created-rescheduled.json");

        var createFirst = new Ledger(CalendlyNormaliser.Normalise);
        createFirst.Deliver("calendly/invitee-created-rescheduled.json");
        createFirst.Deliver("calendly/invitee-canceled-rescheduled.json");
        createFirst.Deliver("calendly/invitee-created.json");
        createFirst.Deliver("calendly/invitee-canceled-rescheduled.json");

        Assert.Equal(cancelFirst.Changes, createFirst.Changes);
        Assert.Equal(cancelFirst.Aliases.OrderBy(a => a.Key), createFirst.Aliases.OrderBy(a => a.Key));
    }

    [Fact]
    public void PlainCancel_CancelledWithReasonAndTheHostAsCanceler()
    {
        var ledger = new Ledger(CalendlyNormaliser.Normalise);
        ledger.Deliver("calendly/invitee-created.json");
        ledger.Deliver("calendly/invitee-canceled.json");

        var cancelled = Assert.Single(ledger.Changes, c => c.Kind == ChangeKind.Cancelled);
        Assert.Equal(Meeting, cancelled.MeetingId);
        Assert.Equal("Customer escalation, sorry", cancelled.Reason);
        Assert.Equal(Party.Mentor, cancelled.ChangedBy);
        Assert.Equal(DateTimeOffset.Parse("2025-03-17T08:14:59.12Z", null), cancelled.ChangedAt);
    }

    [Fact]
    public void InviteeNoShowCreated_NoShowOfTheInvitee()
    {
        var ledger = new Ledger(CalendlyNormaliser.Normalise);
        ledger.Deliver("calendly/invitee-no-show-created.json");
        var noShow = Assert.Single(ledger.Changes);
        Assert.Equal(ChangeKind.NoShow, noShow.Kind);
        Assert.Equal(Party.Mentee, noShow.ChangedBy);
    }

    [Fact]
    public void MovedMeeting_CancelledLater_CancelsTheOriginalMeeting()
    {
        var ledger = new Ledger(CalendlyNormaliser.Normalise);
        ledger.Deliver("calendly/invitee-created.json");
        ledger.Deliver("calendly/invitee-created-rescheduled.json");
        var cancelNew = Sample.Text("calendly/invitee-canceled.json")
            .Replace("EVT1AAAAAAAAAAAA/invitees/INV1AAAAAAAAAAAA", "EVT2BBBBBBBBBBBB/invitees/INV2BBBBBBBBBBBB", StringComparison.Ordinal);
        ledger.Deliver(System.Text.Encoding.UTF8.GetBytes(cancelNew));

        Assert.Equal(Meeting, Assert.Single(ledger.Changes, c => c.Kind == ChangeKind.Cancelled).MeetingId);
    }
}
