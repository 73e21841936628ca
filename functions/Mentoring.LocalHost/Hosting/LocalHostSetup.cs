using Mentoring.Application.Hosting;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Http;
using Mentoring.LocalHost.Queues;
using Mentoring.LocalHost.Timers;

namespace Mentoring.LocalHost.Hosting;

/// <summary>
/// The local host as Program.cs composes it: storage (Azurite unless configured), the application, the queue pump, the
/// timers, the demo if asked; then the problem-details pipeline and the route table. The acceptance tests compose the
/// same host, with their own clock and port.
/// </summary>
internal static class LocalHostSetup
{
    public static async Task AddLocalHostAsync(this WebApplicationBuilder builder, bool demo)
    {
        await builder.AddLocalStorageAsync();
        builder.AddMentoringApplication();
        builder.AddQueuePump();
        builder.AddTimers();
        builder.AddDemo(demo);
    }

    public static WebApplication UseLocalHost(this WebApplication app)
    {
        app.UseHttpProblems();
        app.MapMentoringRoutes();
        return app;
    }
}
