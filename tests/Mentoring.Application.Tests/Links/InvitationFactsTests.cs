using Mentoring.Application.Links;
using Mentoring.Application.Outbox.Rendering;

namespace Mentoring.Tests.Links;

/// <summary>An invitation row's facts: exactly the template's fact keys, read back as written (every try writes the same .ics).</summary>
public sealed class InvitationFactsTests
{
    [Fact]
    public void ToFacts_HasTheTemplatesKeys_AndReadsBackAsWritten()
    {
        var start = new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);
        var written = new InvitationFacts(BookingChange.Moved, start, start.AddMinutes(45), 2, start.AddDays(-1), InvitationFacts.ByPartner);

        var facts = written.ToFacts();

        Assert.Equal(ModelSchema.InvitationFactKeys, facts.Keys);
        Assert.Equal(("moved", "45", "partner"), (facts["change"], facts["meetingMinutes"], facts["bookedBy"]));
        Assert.Equal(written, InvitationFacts.Of(facts));
        Assert.Equal("REQUEST", written.Method);
        Assert.Equal("CANCEL", (written with { Change = BookingChange.Cancelled }).Method);
    }
}
