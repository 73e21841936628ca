using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Mentoring.Tests.Logging;

/// <summary>
/// Every <c>[LoggerMessage]</c> of the app has its own event id, in the block of its feature (docs/reliability.md,
/// "Log event ids"), so a log query on an id finds one kind of event.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly (string NamespacePrefix, int Block)[] Blocks =
    [
        ("Mentoring.Application.Queues", 1000),
        ("Mentoring.Application.Evaluation", 2000),
        ("Mentoring.Application.Outbox", 3000),
        ("Mentoring.Application.Ingest", 4000),
        ("Mentoring.Application.Links", 5000),
        ("Mentoring.LocalHost", 6000),
        ("Mentoring.Application.Auth", 7000),
        ("Mentoring.Application.Admin", 7000),
        ("Mentoring.Application.Integration", 7000),
        ("Mentoring.Application.Outbound", 8000),
        ("Mentoring.Application.Hosting", 8000),
    ];

    private static IReadOnlyList<(string Method, string Namespace, int Id)> Messages() =>
    [
        .. from assembly in new[]
           {
               typeof(Mentoring.Application.Auth.Authenticator).Assembly,
               typeof(Mentoring.LocalHost.Queues.QueuePump).Assembly,
               typeof(Mentoring.Functions.Hosting.HealthFunction).Assembly,
           }
           from type in assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
           let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
           where attribute is not null
           select ($"{type.FullName}.{method.Name}", type.Namespace ?? "", attribute.EventId),
    ];

    [Fact]
    public void EveryLogMessage_HasAnIdOfItsOwn()
    {
        var messages = Messages();
        Assert.True(messages.Count >= 50, $"found only {messages.Count} [LoggerMessage] methods; is an assembly missing?");

        Assert.Empty(messages.Where(m => m.Id == 0).Select(m => m.Method));
        var shared = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        Assert.Empty(shared);
    }

    [Fact]
    public void EveryLogMessage_IsInItsFeaturesBlock()
    {
        var misplaced =
            from m in Messages()
            let block = Blocks.Where(b => m.Namespace.StartsWith(b.NamespacePrefix, StringComparison.Ordinal))
                .Select(b => (int?)b.Block).FirstOrDefault()
            where block is null || m.Id / 1000 * 1000 != block
            select block is null
                ? $"{m.Method} ({m.Id}): namespace {m.Namespace} has no block; add it here and to docs/reliability.md"
                : $"{m.Method} ({m.Id}): belongs in {block}–{block + 999}";
        Assert.Empty(misplaced);
    }
}
