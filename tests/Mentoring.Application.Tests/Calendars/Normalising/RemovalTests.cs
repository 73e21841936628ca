using System.Text.Json;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Engine.Ledger;
using Microsoft.Graph.Models;

namespace Mentoring.Application.Tests.Calendars.Normalising;

/// <summary>
/// Which provider cancellations are explicit and which only say an event was deleted (a removal, housekeeping once the
/// meeting has ended): docs/engine.md, "How far each record is trusted".
/// </summary>
public sealed class RemovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Graph_DeletedNotification_IsARemoval()
    {
        var change = GraphEventNormaliser.Deleted("AAMkAD-1", Now).ToLedgerChange(null);

        Assert.Equal((ChangeKind.Cancelled, true), (change.Kind, change.Removal));
    }

    [Fact]
    public void Graph_IsCancelled_IsExplicit()
    {
        var cancelled = new Event
        {
            Id = "AAMkAD-2",
            Type = EventType.SingleInstance,
            IsCancelled = true,
            LastModifiedDateTime = Now,
            Start = new DateTimeTimeZone { DateTime = "2026-03-10T10:00:00.0000000", TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = "2026-03-10T11:00:00.0000000", TimeZone = "UTC" },
        };

        var change = Assert.Single(GraphEventNormaliser.Normalise(cancelled, Now).Observations).ToLedgerChange(null);

        Assert.Equal((ChangeKind.Cancelled, false), (change.Kind, change.Removal));
    }

    [Fact]
    public void Graph_DeletedOccurrenceOfASeries_IsARemoval()
    {
        var master = new Event
        {
            Id = "AAMkAD-S",
            Type = EventType.SeriesMaster,
            LastModifiedDateTime = Now,
            Start = new DateTimeTimeZone { DateTime = "2026-03-02T10:00:00.0000000", TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = "2026-03-02T11:00:00.0000000", TimeZone = "UTC" },
            CancelledOccurrences = ["OID.AAMkAD-S.2026-03-09"],
        };

        var change = Assert.Single(GraphEventNormaliser.Normalise(master, Now).Observations).ToLedgerChange(null);

        Assert.Equal((ChangeKind.Cancelled, true), (change.Kind, change.Removal));
    }

    [Fact]
    public void Google_StatusCancelled_IsARemoval()
    {
        // Incremental sync returns a deleted event as a stub with status "cancelled": it does not say the meeting was called off.
        using var stub = JsonDocument.Parse("""{"kind":"calendar#event","id":"evt1","status":"cancelled","updated":"2026-03-20T09:00:00.000Z"}""");

        var change = Assert.Single(GoogleEventNormaliser.Normalise(stub.RootElement, Now).Observations).ToLedgerChange(null);

        Assert.Equal((ChangeKind.Cancelled, true), (change.Kind, change.Removal));
    }
}
