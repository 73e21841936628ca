using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Hosting;
using Mentoring.LocalHost.Http;
using Mentoring.LocalHost.Replay;
using Microsoft.Extensions.Options;

if (args is ["replay", ..])
    return await ReplayCommand.RunAsync(args[1..], Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DemoSetup.Without(args), ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(HttpSetup.Url);
await builder.AddLocalHostAsync(DemoSetup.Requested(args));

var app = builder.Build();
try
{
    // The settings are checked before the host starts, so a wrong one ends in one line naming it, not in a logged trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("The local host did not start: " + string.Join(" ", e.Failures));
    return 1;
}

app.UseLocalHost();
await app.RunAsync();
return 0;
