using Mentoring.Application.Storage;

namespace Mentoring.LocalHost.Azurite;

internal static class AzuriteSetup
{
    /// <summary>
    /// Unless <c>AzureWebJobsStorage</c> names real storage, starts Azurite, points the app at it, and stops it when the
    /// host stops (registered first, so it is stopped last).
    /// </summary>
    public static async Task AddLocalStorageAsync(this WebApplicationBuilder builder)
    {
        if (StorageOptions.From(builder.Configuration).IsValid)
            return;
        var azurite = await AzuriteProcess.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        builder.Configuration[StorageOptions.Setting] = azurite.ConnectionString;
        builder.Services.AddHostedService(_ => new AzuriteLifetime(azurite));
    }

    private sealed class AzuriteLifetime(AzuriteProcess azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await azurite.DisposeAsync();
    }
}
