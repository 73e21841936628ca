namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>What an admin proofing emails sees: a preview for a real pair carries that pair's numbers and the program's words.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class PreviewTests(QuarterPlay quarter)
{
    [Fact]
    public void Preview_OfAValueReminder_ShowsThePairsRealFacts()
    {
        var preview = Assert.NotNull(quarter.ValueReminderPreview);
        var text = preview.GetProperty("text").GetString()!;
        var days = (int)(QuarterPlay.CheckInAt - AcmeProgram.CycleStart).TotalDays;
        Assert.Contains($"- {days} days since you were paired, with no meeting yet", text, StringComparison.Ordinal); // p07 never met
        Assert.DoesNotContain("last met", text, StringComparison.Ordinal);
        Assert.Contains($"You agreed to meet every {AcmeProgram.CadenceDays} days", text, StringComparison.Ordinal);
        Assert.Contains(AcmeProgram.Goal, text, StringComparison.Ordinal);
        Assert.Contains(AcmeProgram.SponsorWords, text, StringComparison.Ordinal);
    }
}
