using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Admin.Participants;

/// <summary>
/// The <c>participants</c> table as the admin API writes it: the columns <see cref="ParticipantStore"/> reads, plus
/// <c>Role</c> and <c>Calendars</c>; pages of a program; batches of 100 (one partition) for imports.
/// </summary>
internal sealed class ParticipantRows(TableServiceClient tables, ProgramChanges changes, PairDirectoryChanges directory)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Participants);

    public static TableEntity ToEntity(AdminParticipant p)
    {
        var e = ParticipantColumns.ToEntity(p.Record);
        e["Role"] = p.Role.ToString();
        e["Calendars"] = JsonSerializer.Serialize(p.Calendars, StorageJson.Options);
        return e;
    }

    public static AdminParticipant ToParticipant(TableEntity e) => AdminParticipant.Of(
        ParticipantColumns.ToRecord(e),
        Enum.TryParse<ParticipantRole>(e.GetString("Role"), out var role) ? role : ParticipantRole.Both,
        JsonSerializer.Deserialize<List<CalendarConnection>>(e.GetString("Calendars") ?? "[]", StorageJson.Options) ?? []);

    public async Task<AdminParticipant?> GetAsync(string programId, string id, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(id), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToParticipant(e) : null;
    }

    public async Task SaveAsync(AdminParticipant p, CancellationToken ct)
    {
        await _table.UpsertEntityAsync(ToEntity(p), TableUpdateMode.Replace, ct);
        changes.Touch(p.ProgramId);
        await directory.ChangedAsync(ct);
    }

    public async Task DeleteAsync(string programId, string id, CancellationToken ct)
    {
        await _table.DeleteEntityAsync(Keys.Encode(programId), Keys.Encode(id), ETag.All, ct);
        changes.Touch(programId);
        await directory.ChangedAsync(ct);
    }

    /// <summary>Upserts in transactions of 100 (all one partition), <paramref name="parallelism"/> at a time.</summary>
    public async Task SaveManyAsync(IReadOnlyList<AdminParticipant> participants, int parallelism, CancellationToken ct)
    {
        var batches = participants.Chunk(PairPartition.MaxTransactionSize).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (batch, token) =>
            await _table.SubmitTransactionAsync(batch.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(p))), token));
        foreach (var programId in participants.Select(p => p.ProgramId).Distinct(StringComparer.Ordinal))
            changes.Touch(programId);
        await directory.ChangedAsync(ct);
    }

    /// <summary>
    /// The program's participants with something a CSV import keeps — email they stopped, calendars given through the
    /// JSON API — with only those columns read (<see cref="AdminParticipant.KeepingWhatACsvLacks"/> reads nothing else).
    /// </summary>
    public async Task<Dictionary<string, AdminParticipant>> KeptOnImportAsync(string programId, CancellationToken ct)
    {
        var kept = new Dictionary<string, AdminParticipant>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}");
        string[] columns = ["ProgramId", "ParticipantId", StoppedColumns.Suppressed, StoppedColumns.Unsubscribed, "Calendars"];
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: columns, cancellationToken: ct))
        {
            var person = ToParticipant(e);
            if (person.Suppressed || person.Unsubscribed != Engine.Messages.EmailKinds.None || person.Calendars.Count > 0)
                kept[person.Id] = person;
        }

        return kept;
    }

    /// <summary>The ids of a program's participants (for an import's checks).</summary>
    public async Task<HashSet<string>> IdsAsync(string programId, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["ParticipantId"], cancellationToken: ct))
            ids.Add(e.GetString("ParticipantId"));
        return ids;
    }

    public async Task<(List<AdminParticipant> Items, string? Next)> PageAsync(string programId, int size, string? token, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: size, cancellationToken: ct).AsPages(token, size))
            return ([.. page.Values.Select(ToParticipant)], page.ContinuationToken);
        return ([], null);
    }
}
