using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.OpenApi;

/// <summary>The OpenAPI 3.1 document, generated from <see cref="AdminEndpoints.All"/>: paths, parameters, security, errors.</summary>
internal static partial class OpenApiHandler
{
    public static Task<IResult> GetAsync(AdminRequest request) => Task.FromResult(Results.Text(Document().ToJsonString(), "application/json"));

    public static JsonObject Document()
    {
        var paths = new JsonObject();
        foreach (var route in AdminEndpoints.All)
        {
            var path = "/api/" + route.Endpoint.Route;
            if (paths[path] is not JsonObject item)
                paths[path] = item = [];
            var parameters = new JsonArray();
            foreach (Match m in Parameter().Matches(route.Endpoint.Route))
                parameters.Add(new JsonObject { ["name"] = m.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
            var responses = new JsonObject
            {
                ["2XX"] = new JsonObject { ["description"] = "Success (JSON)." },
                ["400"] = Problem("The request is not valid; each field named."),
                ["401"] = Problem("No credential, or an unknown or revoked key."),
                ["403"] = Problem(route.Access == AdminAccess.Operator ? "Needs a read-write credential for every program." : "Needs a read-write credential."),
                ["404"] = Problem("Not found, or not one of the caller's programs."),
            };
            var operation = new JsonObject
            {
                ["operationId"] = route.Endpoint.Name,
                ["summary"] = route.Summary,
                ["x-access"] = route.Access.ToString(),
                ["parameters"] = parameters,
                ["responses"] = responses,
            };
            if (route.RequestBody is { } body)
            {
                var type = route.RequestContentType ?? "application/json";
                operation["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { [type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = type == "text/csv" ? "string" : "object", ["title"] = body } } },
                };
            }

            item[route.Endpoint.Method.ToLowerInvariant()] = operation;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Mentoring engagement engine — admin API", ["version"] = "1" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["appServiceAuth"] = new JsonArray() }),
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "An API key: Authorization: Bearer <key>." },
                    ["appServiceAuth"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-MS-CLIENT-PRINCIPAL", ["description"] = "Set by App Service authentication (Entra ID) in Azure only." },
                },
            },
            ["paths"] = paths,
        };
    }

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();
}
