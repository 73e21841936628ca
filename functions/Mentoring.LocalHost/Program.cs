using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Hosting;
using Mentoring.LocalHost.Http;
using Mentoring.LocalHost.Replay;

if (args is ["replay", ..])
    return await ReplayCommand.RunAsync(args[1..], Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DemoSetup.Without(args), ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(HttpSetup.Url);
await builder.AddLocalHostAsync(DemoSetup.Requested(args));

var app = builder.Build();
app.UseLocalHost();
await app.RunAsync();
return 0;
