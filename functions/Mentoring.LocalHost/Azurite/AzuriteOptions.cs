namespace Mentoring.LocalHost.Azurite;

/// <summary>How to start Azurite: in memory on OS-picked ports by default; on disk and on given ports to restart it.</summary>
/// <param name="Location">A folder to persist to; null keeps everything in memory.</param>
/// <param name="BlobPort">0 lets the OS pick.</param>
/// <param name="QueuePort">0 lets the OS pick.</param>
/// <param name="TablePort">0 lets the OS pick.</param>
internal sealed record AzuriteOptions(string? Location = null, int BlobPort = 0, int QueuePort = 0, int TablePort = 0);
