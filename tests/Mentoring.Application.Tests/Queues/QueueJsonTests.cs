using Mentoring.Application.Ingest;
using Mentoring.Application.Integration;
using Mentoring.Application.Integration.Subscriptions;
using Mentoring.Application.Queues;

namespace Mentoring.Tests.Queues;

/// <summary>Queue bodies are read strictly: what a handler needs must be there, named when it is not.</summary>
public sealed class QueueJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("{\"evaluationId\":\"e1\",\"pairId\":\"p1\"}", "programId")]
    [InlineData("{\"programId\":\"prog\",\"pairId\":\"p1\"}", "evaluationId")]
    [InlineData("{}", "evaluationId")]
    public void EvaluatePair_MissingARequiredField_IsRefused_NamingIt(string body, string missing)
    {
        Assert.False(QueueJson.TryParse<EvaluatePair>(body, out var message, out var reason));

        Assert.Null(message);
        Assert.Contains("missing required", reason, StringComparison.Ordinal);
        Assert.Contains(missing, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatePair_NullForARequiredField_IsRefused()
    {
        Assert.False(QueueJson.TryParse<EvaluatePair>("{\"evaluationId\":\"e1\",\"programId\":null,\"pairId\":\"secret-pair\"}", out _, out var reason));

        Assert.Contains("null", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pair", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SendEmail_MissingItsRowKey_IsRefused()
    {
        Assert.False(QueueJson.TryParse<SendEmail>("{\"partition\":\"prog~p1\"}", out _, out var reason));
        Assert.Contains("rowKey", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMessageTheAppWrites_ReadsBack_WithItsOptionalFieldsLeftOut()
    {
        RoundTrips(new EvaluatePair("e1", "prog", "p1"));
        RoundTrips(new EvaluatePair("e1", "prog", "p1", "due~1"));
        RoundTrips(new SendEmail("prog~p1", "msg-1"));
        RoundTrips(new CalendarDelivery("d1", "calcom", At, Convert.ToBase64String("{}"u8.ToArray())));
        RoundTrips(new CalendarDelivery("d2", "google", At, "", new Dictionary<string, string> { ["X-Goog-Channel-ID"] = "ch" }));
        RoundTrips(new WebhookDeliveryMessage("w1", "prog", "sub-1", 1, new IntegrationEvent("ev1", IntegrationEvent.PairAtRisk, "prog", "p1", At, new Dictionary<string, string> { ["level"] = "high" })));
    }

    private static void RoundTrips<T>(T message)
        where T : class
    {
        Assert.True(QueueJson.TryParse<T>(QueueJson.Serialize(message), out var read, out var reason), reason);
        Assert.Equal(QueueJson.Serialize(message), QueueJson.Serialize(read));
    }
}
