namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>What holds for every email of the quarter, and for every door the test used.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class EveryEmailTests(QuarterPlay quarter)
{
    [Fact]
    public void EveryEmail_GoesInItsRecipientsWorkingHours()
    {
        Assert.NotEmpty(quarter.Emails);
        foreach (var email in quarter.Emails)
            Expect.InWorkingHours(email, QuarterPlay.ZoneOf(email.To));
    }

    [Fact]
    public void EveryEmail_GoesToSomeoneOfTheProgram_ByName_WithAOneClickUnsubscribe_TheDigestWithNone()
    {
        string[] others = [AcmeProgram.SponsorEmail, AcmeProgram.Admin];
        foreach (var email in quarter.Emails)
        {
            Assert.True(AcmeProgram.People.Any(p => p.Email == email.To && p.Name == email.ToName) || others.Contains(email.To), $"{email} is to a stranger.");
            if (email.Template == "admin-digest")
            {
                // It goes whatever the admin's unsubscribes (docs/email.md), so it offers none (RFC 8058).
                Assert.Null(email.OneClickUnsubscribe);
                Assert.False(email.Headers.ContainsKey("List-Unsubscribe-Post"), $"{email} offers a one-click unsubscribe.");
                continue;
            }

            Assert.NotNull(email.OneClickUnsubscribe);
            Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        }
    }

    [Fact]
    public void EveryLink_InEveryEmail_Opens_WhenFollowed()
    {
        Assert.NotEmpty(quarter.LinkStatuses);
        var broken = quarter.LinkStatuses.Where(l => l.Value != 200).Select(l => $"{l.Value} {l.Key}").ToList();
        Assert.True(broken.Count == 0, "Links that did not open:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void EveryWebhookDelivery_IsAccepted()
    {
        Assert.Equal(9, quarter.WebhookStatuses.Count);
        Assert.All(quarter.WebhookStatuses, w => Assert.True(w.Value is 200 or 202, $"{w.Key} → {w.Value}"));
    }

    [Fact]
    public void TheQuarter_PlaysInUnderFiveMinutes() =>
        Assert.True(quarter.Duration < TimeSpan.FromMinutes(5), $"The quarter took {quarter.Duration}:\n{string.Join("\n", quarter.StepReport())}");

    /// <summary>A phone shows about 60 characters of a subject.</summary>
    [Fact]
    public void EveryTemplateSubject_AtMost60Characters()
    {
        var tooLong = quarter.Emails.Where(e => e.Subject.Length > 60).ToList();
        Assert.True(tooLong.Count == 0, Expect.Describe(tooLong));
    }

    /// <summary>Found by this suite: "1 meetings with Ben", "0 meetings — thank you".</summary>
    [Fact]
    public void Numbers_AgreeWithTheirNouns()
    {
        var wrong = quarter.Emails.Where(e => System.Text.RegularExpressions.Regex.IsMatch(e.Subject + "\n" + e.Text, @"\b1 (meetings|days|pairs|times|moves|changes|postponements)\b|\b0 meetings\b[^\n]*thank you")).ToList();
        Assert.True(wrong.Count == 0, Expect.Describe(wrong));
    }
}
