using Mentoring.Application.Hosting;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Http;
using Mentoring.LocalHost.Queues;
using Mentoring.LocalHost.Replay;
using Mentoring.LocalHost.Timers;

if (args is ["replay", ..])
    return await ReplayCommand.RunAsync(args[1..], Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DemoSetup.Without(args), ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(HttpSetup.Url);
await builder.AddLocalStorageAsync();
builder.AddMentoringApplication();
builder.AddQueuePump();
builder.AddTimers();
builder.AddDemo(DemoSetup.Requested(args));

var app = builder.Build();
app.UseHttpProblems();
app.MapMentoringRoutes();
await app.RunAsync();
return 0;
