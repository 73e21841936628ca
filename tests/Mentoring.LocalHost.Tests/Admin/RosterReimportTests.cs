using Mentoring.Testing;

namespace Mentoring.Tests.Admin;

/// <summary>
/// A roster re-imported from CSV replaces what the file says and keeps what it has no column for: the calendars an admin
/// gave a participant through the JSON API (lost before: the import wrote every row afresh).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RosterReimportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CsvReimport_TakesTheFilesColumns_KeepsTheCalendarsAPutGave()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("reimport-calendars");
        await api.SendAsync(HttpMethod.Put, "programs/reimport-calendars/participants/pia", AdminApi.Json(new
        {
            name = "Pia",
            email = "pia@example.com",
            role = "mentee",
            timeZone = "Europe/Berlin",
            calendars = new[] { new { provider = "graph", calendarId = "pia@example.com" } },
        }));

        await api.SendAsync(HttpMethod.Post, "programs/reimport-calendars/participant-imports", AdminApi.Csv(
            "id,name,email,role,timeZone\npia,Pia Berg,pia.berg@example.com,mentee,Europe/Vienna\nole,Ole Lund,ole@example.com,mentor,Europe/Oslo\n"));

        var pia = await api.SendAsync(HttpMethod.Get, "programs/reimport-calendars/participants/pia");
        Assert.Equal("Pia Berg", pia.GetProperty("name").GetString());
        Assert.Equal("pia.berg@example.com", pia.GetProperty("email").GetString());
        Assert.Equal("Europe/Vienna", pia.GetProperty("timeZone").GetString());
        var calendar = Assert.Single(pia.GetProperty("calendars").EnumerateArray());
        Assert.Equal("graph", calendar.GetProperty("provider").GetString());
        Assert.Equal("pia@example.com", calendar.GetProperty("calendarId").GetString());
        var ole = await api.SendAsync(HttpMethod.Get, "programs/reimport-calendars/participants/ole");
        Assert.Empty(ole.GetProperty("calendars").EnumerateArray());
    }
}
