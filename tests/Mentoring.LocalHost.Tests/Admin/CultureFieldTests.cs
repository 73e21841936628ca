using System.Net;
using System.Text.Json;
using Mentoring.Testing;

namespace Mentoring.Tests.Admin;

/// <summary>
/// The reader's culture through the admin API: a program's <c>culture</c> (default en-GB), a participant's and their
/// manager's (JSON and CSV), kept in canonical form; nonsense and huge values refused with problem+json naming the field.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CultureFieldTests(AzuriteFixture azurite)
{
    public static TheoryData<string> NotCultures() =>
    [
        "not-a-culture", "xx-YY", "en_GB", "de DE", "<script>", "de\nDE", "\u0000", new string('a', 36), new string('x', 10_000), "de-DE-" + new string('x', 40),
    ];

    [Fact]
    public async Task Program_WithoutCulture_IsEnGb_AndACultureIsKeptCanonical()
    {
        await using var api = await AdminApi.StartAsync(azurite);

        var plain = await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(Program("culture-default", null)));
        var german = await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(Program("culture-de", "de-de")));

        Assert.Equal("en-GB", plain.GetProperty("culture").GetString());
        Assert.Equal("de-DE", german.GetProperty("culture").GetString());
    }

    [Theory]
    [MemberData(nameof(NotCultures))]
    public async Task Participant_NotACulture_Is400NamingTheField(string culture)
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var programId = "culture-bad-" + Guid.NewGuid().ToString("N")[..8];
        await api.SeedProgramAsync(programId);
        using var client = api.Client();

        using var response = await client.PutAsync(
            new Uri($"/api/programs/{programId}/participants/p9", UriKind.Relative),
            AdminApi.Json(new { name = "Pia", email = "pia@example.com", role = "mentee", timeZone = "Europe/Berlin", culture }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("culture", out _), problem.ToString());
        Assert.DoesNotContain(culture.Length > 100 ? culture[..100] : "\u0001never", problem.ToString(), StringComparison.Ordinal); // the huge value is not echoed
    }

    [Fact]
    public async Task Participant_CultureAndManagerCulture_KeptCanonical_ManagerCultureNeedsAManager()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("culture-person");
        using var client = api.Client();

        var saved = await api.SendAsync(HttpMethod.Put, "programs/culture-person/participants/p9", AdminApi.Json(new
        {
            name = "Pia",
            email = "pia@example.com",
            role = "mentee",
            timeZone = "Europe/Vienna",
            culture = "DE-at",
            managerEmail = "max@example.com",
            managerCulture = "en-gb",
        }));
        using var orphan = await client.PutAsync(
            new Uri("/api/programs/culture-person/participants/p8", UriKind.Relative),
            AdminApi.Json(new { name = "Pit", email = "pit@example.com", role = "mentee", timeZone = "Europe/Berlin", managerCulture = "de-DE" }));

        Assert.Equal("de-AT", saved.GetProperty("culture").GetString());
        Assert.Equal("en-GB", saved.GetProperty("managerCulture").GetString());
        var read = await api.SendAsync(HttpMethod.Get, "programs/culture-person/participants/p9");
        Assert.Equal("de-AT", read.GetProperty("culture").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Contains("managerCulture", await orphan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvImport_CultureColumns_BadOnesNamedByLine_GoodOnesKept()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("culture-csv");
        using var client = api.Client();
        var csv = "id,name,email,role,timeZone,managerEmail,managerNotesConsent,managerName,culture,managerCulture\n"
            + "de1,Dora,dora@example.com,mentee,Europe/Berlin,max@example.com,true,Max,de-DE,en-GB\n"
            + "fr1,Fleur,fleur@example.com,mentee,Europe/Paris,,false,,fr-FR,\n"
            + "bad,Bad,bad@example.com,mentee,Europe/Paris,,false,,klingon-KX,\n"
            + "bad2,Bad,bad2@example.com,mentee,Europe/Paris,,false,,en-GB,de-DE\n";

        using var response = await client.PostAsync(new Uri("/api/programs/culture-csv/participant-imports?mode=partial", UriKind.Relative), AdminApi.Csv(csv));
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([4, 5], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("culture", errors[0].GetProperty("reason").GetString()!, StringComparison.Ordinal);
        Assert.Contains("managerCulture", errors[1].GetProperty("reason").GetString()!, StringComparison.Ordinal);
        var dora = await api.SendAsync(HttpMethod.Get, "programs/culture-csv/participants/de1");
        Assert.Equal("de-DE", dora.GetProperty("culture").GetString());
        Assert.Equal("en-GB", dora.GetProperty("managerCulture").GetString());
    }

    [Fact]
    public async Task Preview_CultureNotACulture_Is400()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("culture-preview");
        using var client = api.Client();

        using var response = await client.GetAsync(new Uri("/api/programs/culture-preview/previews/ladder-nudge?culture=" + new string('q', 5000), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static object Program(string id, string? culture) => new
    {
        id,
        name = "Program " + id,
        businessGoal = "Grow our engineers.",
        timeZone = "Europe/Berlin",
        admins = new[] { "admin@example.com" },
        culture,
    };
}
