using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Hosting;
using Mentoring.Application.Integration.Subscriptions;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mentoring.Tests.Admin;

[Collection(AzuriteFixture.Collection)]
public sealed class AdminFeatureTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ParticipantImport_BadRows_NamesEachLineAndImportsNothing()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("csv-bad");
        var csv = "id,name,email,role,timeZone\nok1,Ok,ok1@example.com,mentor,UTC\nbad 2,Bad,not-an-email,boss,Mars/Olympus\nok3,Ok,ok3@example.com,mentee,Europe/Paris\nok1,Dup,dup@example.com,mentee,UTC\n";
        using var client = api.Client();

        using var response = await client.PostAsync(new Uri("/api/programs/csv-bad/participant-imports", UriKind.Relative), AdminApi.Csv(csv));
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([3, 5], errors.Select(e => e.Item1));
        Assert.Contains("email", errors[0].Item2, StringComparison.Ordinal);
        Assert.Contains("timeZone", errors[0].Item2, StringComparison.Ordinal);
        Assert.Contains("role", errors[0].Item2, StringComparison.Ordinal);
        using var absent = await client.GetAsync(new Uri("/api/programs/csv-bad/participants/ok3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);

        using var partial = await client.PostAsync(new Uri("/api/programs/csv-bad/participant-imports?mode=partial", UriKind.Relative), AdminApi.Csv(csv));
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await partial.Content.ReadAsStringAsync()).RootElement.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task Import_TenThousandRows_TakesSeconds()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("csv-10k");
        var people = new StringBuilder("id,name,email,role,timeZone,managerEmail,managerNotesConsent\n");
        for (var i = 0; i < 10_000; i++)
            people.Append(CultureInfo.InvariantCulture, $"u{i},User {i},u{i}@example.com,{(i % 2 == 0 ? "mentor" : "mentee")},Europe/Berlin,boss{i}@example.com,true\n");
        var pairs = new StringBuilder("id,mentorId,menteeId\n");
        for (var i = 0; i < 10_000; i += 2)
            pairs.Append(CultureInfo.InvariantCulture, $"q{i},u{i},u{i + 1}\n");

        var clock = Stopwatch.StartNew();
        var imported = await api.SendAsync(HttpMethod.Post, "programs/csv-10k/participant-imports", AdminApi.Csv(people.ToString()));
        var participants = clock.Elapsed;
        clock.Restart();
        var pairsImported = await api.SendAsync(HttpMethod.Post, "programs/csv-10k/pair-imports", AdminApi.Csv(pairs.ToString()));
        var pairTime = clock.Elapsed;

        output.WriteLine($"participants: 10000 rows in {participants.TotalSeconds:F2} s; pairs: 5000 rows in {pairTime.TotalSeconds:F2} s");
        Assert.Equal(10_000, imported.GetProperty("imported").GetInt32());
        Assert.Equal(5_000, pairsImported.GetProperty("imported").GetInt32());
        Assert.True(participants < TimeSpan.FromSeconds(30), $"10,000 participants took {participants}.");
    }

    [Fact]
    public async Task Body_UnknownField_Is400NamingIt()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        using var client = api.Client();

        using var response = await client.PostAsync(new Uri("/api/programs", UriKind.Relative),
            new StringContent("{\"id\":\"x\",\"name\":\"n\",\"businessGoal\":\"g\",\"timeZone\":\"UTC\",\"admins\":[\"a@example.com\"],\"colour\":\"red\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("colour", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DocumentsExactlyTheAdminRoutesServed()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var document = await api.SendAsync(HttpMethod.Get, "openapi.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).Order(StringComparer.Ordinal).ToList();
        var served = HttpEndpoints.All.Where(e => !AuthMatrixTests.NotAdmin.ContainsKey(e.Name))
            .Select(e => $"{e.Method} /api/{e.Route}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(served, documented);
    }

    [Fact]
    public async Task Subscription_Delivery_IsSignedPerStandardWebhooks()
    {
        await using var api = await AdminApi.StartAsync(azurite, AdminApi.LoopbackTargets); // the receiver is on loopback
        await api.SeedProgramAsync("hooks");
        var received = new TaskCompletionSource<(string Id, string Timestamp, string Signature, string Body)>();
        var receiver = WebApplication.CreateBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = receiver.Build();
        server.MapPost("/hook", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            received.TrySetResult((context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body));
            return Results.Ok();
        });
        await server.StartAsync();
        var url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        var created = await api.SendAsync(HttpMethod.Post, "programs/hooks/subscriptions", AdminApi.Json(new { id = "loop", url, eventTypes = new[] { "*" } }));
        var secret = created.GetProperty("secret").GetString()!;

        await api.SendAsync(HttpMethod.Post, "programs/hooks/subscriptions/loop/test");
        var pump = QueuePumpSetup.Bindings(api.App.Services)[Mentoring.Application.Queues.QueueNames.WebhookDeliveries];
        var queue = api.App.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(Mentoring.Application.Queues.QueueNames.WebhookDeliveries);
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await pump(message, default);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        var (id, timestamp, signature, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
        Assert.True(StandardWebhooks.Verify(secret, id, timestamp, body, signature));
        Assert.False(StandardWebhooks.Verify(secret, id, timestamp, body + " ", signature));
        var log = await api.SendAsync(HttpMethod.Get, "programs/hooks/subscriptions/loop/deliveries");
        Assert.Equal("delivered", log.GetProperty("items")[0].GetProperty("outcome").GetString());
    }
}
