using System.Text.Json;

namespace Mentoring.Tests.Email;

/// <summary>The parts of SendGrid's documented v3 mail/send request schema that our requests must satisfy.</summary>
internal static class MailSendSchema
{
    public static IReadOnlyList<string> Check(string authorization, string? contentType, JsonElement body, string apiKey)
    {
        var errors = new List<string>();
        if (authorization != "Bearer " + apiKey)
            errors.Add("Authorization must be 'Bearer <api key>'.");
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.Ordinal))
            errors.Add("Content-Type must be application/json.");
        if (body.ValueKind != JsonValueKind.Object)
            return [.. errors, "The body must be a JSON object."];

        var recipients = 0;
        var subjectPerPersonalization = true;
        if (!body.TryGetProperty("personalizations", out var personalizations) || personalizations.ValueKind != JsonValueKind.Array
            || personalizations.GetArrayLength() == 0)
        {
            errors.Add("personalizations[] is required and not empty.");
        }
        else
        {
            foreach (var p in personalizations.EnumerateArray())
            {
                if (!p.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0)
                {
                    errors.Add("personalizations[].to[] is required and not empty.");
                    continue;
                }

                foreach (var address in to.EnumerateArray())
                {
                    recipients++;
                    if (!IsEmail(address))
                        errors.Add("personalizations[].to[].email must be an address.");
                }

                subjectPerPersonalization &= p.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String;
                if (p.TryGetProperty("custom_args", out var args))
                    CheckStringMap(args, "personalizations[].custom_args", errors);
                if (p.TryGetProperty("headers", out var headers))
                    CheckStringMap(headers, "personalizations[].headers", errors);
            }
        }

        if (recipients > 1000)
            errors.Add("At most 1,000 recipients per request.");
        if (!body.TryGetProperty("from", out var from) || !IsEmail(from))
            errors.Add("from.email is required.");
        var subject = body.TryGetProperty("subject", out var top) && top.ValueKind == JsonValueKind.String && top.GetString()!.Length > 0;
        if (!subject && !subjectPerPersonalization)
            errors.Add("subject is required (top level or in every personalization).");

        CheckContent(body, errors);
        CheckAttachments(body, errors);
        if (body.TryGetProperty("custom_args", out var customArgs))
            CheckStringMap(customArgs, "custom_args", errors);
        CheckHeaders(body, errors);
        CheckCategories(body, errors);
        if (body.TryGetProperty("mail_settings", out var settings) && settings.TryGetProperty("sandbox_mode", out var sandbox)
            && (!sandbox.TryGetProperty("enable", out var enable) || enable.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
            errors.Add("mail_settings.sandbox_mode.enable must be a boolean.");
        return errors;
    }

    private static void CheckContent(JsonElement body, List<string> errors)
    {
        if (!body.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            errors.Add("content[] is required and not empty.");
            return;
        }

        var types = content.EnumerateArray()
            .Select(c => c.TryGetProperty("type", out var t) ? t.GetString() : null)
            .ToList();
        if (content.EnumerateArray().Any(c => !c.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
            errors.Add("content[].value must be a non-empty string.");
        var plain = types.IndexOf("text/plain");
        var html = types.IndexOf("text/html");
        if (plain > 0 || (html >= 0 && plain > html))
            errors.Add("content[]: text/plain must come first, before text/html.");
    }

    /// <summary>Attachments: base64 content and a file name; the type a bare media type (SendGrid refuses ';' and CRLF in it).</summary>
    private static void CheckAttachments(JsonElement body, List<string> errors)
    {
        if (!body.TryGetProperty("attachments", out var attachments))
            return;
        if (attachments.ValueKind != JsonValueKind.Array)
        {
            errors.Add("attachments must be an array.");
            return;
        }

        foreach (var a in attachments.EnumerateArray())
        {
            if (!a.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String || content.GetString()!.Length == 0
                || !Convert.TryFromBase64String(content.GetString()!, new byte[content.GetString()!.Length], out _))
                errors.Add("attachments[].content must be base64 and not empty.");
            if (!a.TryGetProperty("filename", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                errors.Add("attachments[].filename is required.");
            if (a.TryGetProperty("type", out var type) && (type.ValueKind != JsonValueKind.String || type.GetString()!.AsSpan().IndexOfAny(";\r\n") >= 0))
                errors.Add("The attachment type cannot contain ';', or CRLF characters.");
            if (a.TryGetProperty("disposition", out var disposition) && disposition.GetString() is not ("inline" or "attachment"))
                errors.Add("attachments[].disposition must be inline or attachment.");
        }
    }

    /// <summary>Headers v3 refuses in <c>headers</c>: they are set through their own fields or by SendGrid.</summary>
    private static readonly string[] ReservedHeaders =
        ["x-sg-id", "x-sg-eid", "received", "dkim-signature", "Content-Type", "Content-Transfer-Encoding", "To", "From", "Subject", "Reply-To", "CC", "BCC"];

    private static void CheckHeaders(JsonElement body, List<string> errors)
    {
        if (!body.TryGetProperty("headers", out var headers))
        {
            errors.Add("headers with List-Unsubscribe and List-Unsubscribe-Post are required for engine email.");
            return;
        }

        CheckStringMap(headers, "headers", errors);
        foreach (var header in headers.EnumerateObject().Where(h => ReservedHeaders.Contains(h.Name, StringComparer.OrdinalIgnoreCase)))
            errors.Add($"headers.{header.Name} is a reserved header.");
        if (!headers.TryGetProperty("List-Unsubscribe", out var unsubscribe) || !unsubscribe.GetString()!.Contains("<https://", StringComparison.Ordinal))
            errors.Add("headers.List-Unsubscribe must name an https URL in angle brackets.");
        if (!headers.TryGetProperty("List-Unsubscribe-Post", out var post) || post.GetString() != "List-Unsubscribe=One-Click")
            errors.Add("headers.List-Unsubscribe-Post must be 'List-Unsubscribe=One-Click'.");
    }

    private static void CheckCategories(JsonElement body, List<string> errors)
    {
        if (!body.TryGetProperty("categories", out var categories))
            return;
        if (categories.ValueKind != JsonValueKind.Array || categories.GetArrayLength() > 10)
            errors.Add("categories must be an array of at most 10.");
        else if (categories.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || c.GetString()!.Length > 255))
            errors.Add("categories[] must be strings of at most 255 characters.");
        else if (categories.EnumerateArray().Select(c => c.GetString()).Distinct().Count() != categories.GetArrayLength())
            errors.Add("categories[] must be unique.");
    }

    private static void CheckStringMap(JsonElement map, string name, List<string> errors)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            errors.Add(name + " must be an object.");
            return;
        }

        foreach (var property in map.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                errors.Add($"{name}.{property.Name} must be a string.");
        }
    }

    private static bool IsEmail(JsonElement address) =>
        address.ValueKind == JsonValueKind.Object && address.TryGetProperty("email", out var email)
        && email.ValueKind == JsonValueKind.String && email.GetString()!.Contains('@', StringComparison.Ordinal);
}
