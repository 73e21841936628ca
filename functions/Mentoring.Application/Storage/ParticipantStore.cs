using Azure.Data.Tables;

namespace Mentoring.Application.Storage;

/// <summary>A person in a program: the only place that holds their address and name.</summary>
internal sealed record ParticipantRecord(
    string ProgramId,
    string ParticipantId,
    string DisplayName,
    string Email,
    string TimeZoneId,
    string? ManagerEmail = null,
    bool AllowsManagerNotes = false,
    bool Suppressed = false);

/// <summary>Participants: table <c>participants</c>, PK = program, RK = participant.</summary>
internal sealed class ParticipantStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Participants);

    public async Task SaveAsync(ParticipantRecord p, CancellationToken ct)
    {
        var entity = new TableEntity(Keys.Encode(p.ProgramId), Keys.Encode(p.ParticipantId))
        {
            ["ProgramId"] = p.ProgramId,
            ["ParticipantId"] = p.ParticipantId,
            ["DisplayName"] = p.DisplayName,
            ["Email"] = p.Email,
            ["TimeZoneId"] = p.TimeZoneId,
            ["ManagerEmail"] = p.ManagerEmail,
            ["AllowsManagerNotes"] = p.AllowsManagerNotes,
            ["Suppressed"] = p.Suppressed,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    /// <summary>Marks one participant suppressed, touching no other column (the admin API keeps more on the row).</summary>
    public async Task MarkSuppressedAsync(string programId, string participantId, CancellationToken ct) =>
        await _table.UpdateEntityAsync(
            new TableEntity(Keys.Encode(programId), Keys.Encode(participantId)) { ["Suppressed"] = true },
            Azure.ETag.All,
            TableUpdateMode.Merge,
            ct);

    public async Task<ParticipantRecord?> GetAsync(string programId, string participantId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(participantId), cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } e)
            return null;
        return new ParticipantRecord(
            e.GetString("ProgramId"),
            e.GetString("ParticipantId"),
            e.GetString("DisplayName"),
            e.GetString("Email"),
            e.GetString("TimeZoneId"),
            e.GetString("ManagerEmail"),
            e.GetBoolean("AllowsManagerNotes") ?? false,
            e.GetBoolean("Suppressed") ?? false);
    }
}
