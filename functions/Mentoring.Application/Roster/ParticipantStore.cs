using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Roster;

/// <summary>
/// A person in a program: the only place that holds their address and name, their manager's, and the cultures their
/// and their manager's emails are written in (the program's when unset). <paramref name="Suppressed"/>: they take no engine email at all
/// (an unsubscribe from everything, a bounce); <paramref name="Unsubscribed"/>: the kinds they stopped one by one.
/// </summary>
internal sealed record ParticipantRecord(
    string ProgramId,
    string ParticipantId,
    string DisplayName,
    string Email,
    string TimeZoneId,
    string? ManagerEmail = null,
    bool AllowsManagerNotes = false,
    bool Suppressed = false,
    string? ManagerName = null,
    string? Culture = null,
    EmailKinds Unsubscribed = EmailKinds.None,
    string? ManagerCulture = null)
{
    /// <summary>The kinds of email the engine sends them no more.</summary>
    public EmailKinds Stopped => StoppedColumns.Stopped(Suppressed, Unsubscribed);
}

/// <summary>Participants: table <c>participants</c>, PK = program, RK = participant.</summary>
internal sealed class ParticipantStore(TableServiceClient tables, ProgramChanges changes, PairDirectoryChanges directory)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Participants);

    public async Task SaveAsync(ParticipantRecord p, CancellationToken ct)
    {
        await _table.UpsertEntityAsync(ParticipantColumns.ToEntity(p), TableUpdateMode.Replace, ct);
        changes.Touch(p.ProgramId);
        await directory.ChangedAsync(ct);
    }

    /// <summary>Sets the kinds one participant takes no more, touching no other column (the admin API keeps more on the row).</summary>
    public async Task MarkStoppedAsync(string programId, string participantId, EmailKinds stopped, CancellationToken ct)
    {
        var row = new TableEntity(Keys.Encode(programId), Keys.Encode(participantId));
        StoppedColumns.Write(row, stopped);
        await _table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge, ct);
        changes.Touch(programId);
    }

    public async Task<ParticipantRecord?> GetAsync(string programId, string participantId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(participantId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ParticipantColumns.ToRecord(e) : null;
    }

    /// <summary>Every participant of a program: one partition, read in pages of 1,000.</summary>
    public async Task<List<ParticipantRecord>> ListAsync(string programId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}");
        var rows = new List<ParticipantRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ParticipantColumns.Names, cancellationToken: ct))
            rows.Add(ParticipantColumns.ToRecord(e));
        return rows;
    }
}
