using CsvHelper;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Import;

/// <summary>
/// Reads a CSV import from the request body as it arrives, one record at a time, within the caps of
/// <see cref="AdminOptions"/>: bytes (413), fields per header or row (400), data rows (413) and bytes per record (413).
/// Fields are read by header name through one index built from the header; no row is kept by the reader.
/// </summary>
internal static class CsvRows
{
    /// <summary>Calls <paramref name="row"/> with each data row's line (the header is line 1) and a field reader by header name.</summary>
    public static async Task<int> ReadAsync(AdminRequest request, string[] required, Action<int, Func<string, string>> row)
    {
        var caps = request.Options;
        if (request.Http.Request.ContentLength > caps.MaxCsvBytes)
            throw AdminRequest.TooLarge(caps.MaxCsvBytes);
        await using var body = new CappedStream(request.Http.Request.Body, caps.MaxCsvBytes, () => AdminRequest.TooLarge(caps.MaxCsvBytes));
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MaxRecordSize = caps.MaxCsvRecordBytes,
            IncludeValuesInExceptions = false,
        };
        await using var csv = CsvReader.Create(body, options, leaveOpen: true);
        try
        {
            await csv.ReadHeaderAsync(request.Aborted);
            var header = csv.Headers;
            if (header.Count > caps.MaxCsvColumns)
                throw TooManyColumns(caps.MaxCsvColumns, header.Count, line: 1);
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
                columns.TryAdd(header[i], i);
            var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
            if (header.Count == 0 || missing.Count > 0)
                throw ApiProblem.Invalid("The header row lacks: " + string.Join(", ", header.Count == 0 ? required : missing) + ".");

            string Field(string name) => columns.TryGetValue(name, out var i) && i < csv.FieldCount ? csv.GetString(i).Trim() : "";
            var rows = 0;
            while (await csv.ReadAsync(request.Aborted))
            {
                if (csv.FieldCount > caps.MaxCsvColumns)
                    throw TooManyColumns(caps.MaxCsvColumns, csv.FieldCount, (int)csv.LineNumber);
                if (++rows > caps.MaxCsvRows)
                {
                    throw new ApiProblem(
                        StatusCodes.Status413PayloadTooLarge, "The file has too many rows.",
                        $"At most {caps.MaxCsvRows} data rows per import (Admin:MaxCsvRows); nothing was imported. Split the file.");
                }

                row((int)csv.LineNumber, Field);
            }

            return rows;
        }
        catch (CsvFormatException e) when (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal) || e.Message.Contains("too large", StringComparison.Ordinal))
        {
            throw new ApiProblem(
                StatusCodes.Status413PayloadTooLarge, "A row of the file is too long.",
                $"At most about {caps.MaxCsvRecordBytes} bytes per row (Admin:MaxCsvRecordBytes), near line {e.LineNumber}; nothing was imported.");
        }
        catch (CsvFormatException e)
        {
            throw ApiProblem.Invalid("The file is not valid CSV: " + e.Message);
        }
    }

    private static ApiProblem TooManyColumns(int max, int found, int line) =>
        ApiProblem.Invalid($"Line {line} has {found} fields; at most {max} (Admin:MaxCsvColumns). Nothing was imported.");
}
