using Azure.Data.Tables;
using Mentoring.Application.Auth;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Application.Admin;

/// <summary>The admin feature's own tables (beside <see cref="Storage.TableNames"/>), created at start-up.</summary>
internal static class AdminTables
{
    /// <summary>PK = program; RK = subscription id.</summary>
    public const string Subscriptions = "subscriptions";

    /// <summary>PK = program~subscription; RK = inverted ticks~delivery~attempt: the delivery log.</summary>
    public const string Deliveries = "webhookdeliveries";

    public static IReadOnlyList<string> All { get; } = [ApiKeyStore.Table, Subscriptions, Deliveries];
}

internal sealed class AdminTablesInitializer(TableServiceClient tables) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in AdminTables.All)
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
