using Mentoring.Application.Ingest.Calendly;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Zoom;
using Mentoring.Engine.Ledger;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Normalising;

public sealed class ZoomNormaliserTests
{
    [Fact]
    public void MeetingEnded_LinkedThroughABookingsJoinUrl_HeldForThatMeeting()
    {
        var calendly = new Ledger(CalendlyNormaliser.Normalise);
        calendly.Deliver("calendly/invitee-created.json");

        var result = ZoomNormaliser.Normalise(Sample.Bytes("zoom/meeting-ended.json"), calendly.Aliases);

        var held = Assert.Single(result.Observations);
        Assert.Equal(ChangeKind.Held, held.Kind);
        Assert.Equal(calendly.Changes.Single().MeetingId, held.MeetingId);
        Assert.Equal("zoom:4444AAAiAAAAAiAiAiiAii==:held", held.ChangeId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:46:00Z", null), held.ChangedAt);
    }

    [Fact]
    public void MeetingEnded_Unlinked_HeldForTheZoomMeetingWithASeriesKeyForAdmins()
    {
        var held = Assert.Single(ZoomNormaliser.Normalise(Sample.Bytes("zoom/meeting-ended.json"), new Dictionary<string, string>()).Observations);
        Assert.Equal("zoom:4444AAAiAAAAAiAiAiiAii==", held.MeetingId);
        Assert.Equal("zoom:85746372610", held.SeriesKey);
    }

    [Fact]
    public void OtherEvent_Ignored() =>
        Assert.Equal(NormalisedStatus.Ignored, ZoomNormaliser.Normalise("{\"event\":\"meeting.started\",\"payload\":{}}"u8.ToArray(), new Dictionary<string, string>()).Status);
}
