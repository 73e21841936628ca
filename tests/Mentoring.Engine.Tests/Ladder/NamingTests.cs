using Mentoring.Engine.Messages;

namespace Mentoring.Engine.Tests.Ladder;

public sealed class NamingTests
{
    [Theory]
    [InlineData(RecipientKind.Mentor, "p-1")]
    [InlineData(RecipientKind.Mentee, "p-2")]
    public void ThePairsOwnPeople_SeeBothNames(RecipientKind kind, string id)
    {
        var reader = new Recipient(kind, id);
        Assert.True(Naming.MayName(reader, "p-1", allowsManagerNotes: false));
        Assert.True(Naming.MayName(reader, "p-2", allowsManagerNotes: false));
    }

    [Fact]
    public void Admin_SeesNames_Sponsor_SeesNone()
    {
        Assert.True(Naming.MayName(Recipient.Admin, "p-1", allowsManagerNotes: false));
        Assert.False(Naming.MayName(Recipient.Sponsor, "p-1", allowsManagerNotes: true));
    }

    [Fact]
    public void Manager_SeesOnlyTheReportWhoAgreed()
    {
        var manager = new Recipient(RecipientKind.Manager, "p-1");
        Assert.True(Naming.MayName(manager, "p-1", allowsManagerNotes: true));
        Assert.False(Naming.MayName(manager, "p-1", allowsManagerNotes: false));
        Assert.False(Naming.MayName(manager, "p-2", allowsManagerNotes: true)); // the partner agreed to their own manager, not this one
    }
}
