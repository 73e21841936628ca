using Mentoring.LocalHost.Azurite;

namespace Mentoring.Testing;

/// <summary>
/// Owns one Azurite for a test collection: started on OS-picked loopback ports, in memory; hands out the connection
/// string; killed at the end. Each test project declares <c>[CollectionDefinition(AzuriteFixture.Collection)]</c>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Collection = "Azurite";

    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }
}
