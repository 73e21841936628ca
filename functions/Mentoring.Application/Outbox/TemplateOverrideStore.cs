using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Outbox;

/// <summary>
/// A program's own text for a template's parts (validated when saved), beside the program row: the one place both the
/// sending and the preview read it from.
/// </summary>
internal sealed class TemplateOverrideStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Programs);

    private static string RowOf(string templateId) => "template" + Keys.Separator + Keys.Encode(templateId);

    public async Task SaveAsync(string programId, string templateId, TemplateOverride text, CancellationToken ct) =>
        await _table.UpsertEntityAsync(
            new TableEntity(Keys.Encode(programId), RowOf(templateId))
            {
                ["TemplateId"] = templateId,
                ["Subject"] = text.Subject,
                ["Html"] = text.Html,
                ["Text"] = text.Text,
            },
            TableUpdateMode.Replace,
            ct);

    /// <summary>The program's text for the template; null when it uses the built-in text throughout.</summary>
    public async Task<TemplateOverride?> GetAsync(string programId, string templateId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), RowOf(templateId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? new TemplateOverride(e.GetString("Subject"), e.GetString("Html"), e.GetString("Text")) : null;
    }

    public async Task<bool> DeleteAsync(string programId, string templateId, CancellationToken ct)
    {
        try
        {
            await _table.DeleteEntityAsync(Keys.Encode(programId), RowOf(templateId), ETag.All, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
