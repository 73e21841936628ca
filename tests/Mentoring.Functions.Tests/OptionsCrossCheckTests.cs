using System.Collections;
using System.Reflection;
using Mentoring.Application.Hosting;
using Mentoring.Functions.Tests.FunctionsHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mentoring.Functions.Tests;

/// <summary>
/// Every option the app needs in Azure has a setting in infra/main.bicep: the application, composed as both hosts
/// compose it, with exactly the compiled template's settings (Azure-shaped values, Key Vault references resolved),
/// passes its start-up validation, and no option is left at a default meant for local runs (example.org addresses,
/// loopback URLs). Removing any setting those depend on makes the check fail.
/// </summary>
public sealed class OptionsCrossCheckTests
{
    private static readonly string[] LocalOnly = ["example.org", "example.com", "127.0.0.1", "localhost"];

    [Fact]
    public void TheBicepsSettings_PassStartUpValidation_AndLeaveNoLocalDefault()
    {
        Assert.Empty(Problems(Settings()));
    }

    [Theory]
    [InlineData("Links__SigningKey", "'SigningKey'")]
    [InlineData("Links__BaseUrl", "Links:BaseUrl must be https")]
    [InlineData("Email__FromAddress", "example.org")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage")]
    public void ASettingMissingFromTheBicep_FailsTheCheck(string removed, string named)
    {
        var settings = Settings();
        settings.Remove(removed);

        var problems = Problems(settings);

        Assert.Contains(problems, p => p.Contains(named, StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings() =>
        AzureLikeSettings.Evaluate(DeployedSettings.FromBicep(), AzureLikeSettings.NewSendGridEventKey());

    /// <summary>Start-up validation failures, then every option value that is a local-only default.</summary>
    private static List<string> Problems(Dictionary<string, string?> appSettings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // App settings reach .NET configuration as environment variables: "__" is the section separator.
        builder.Configuration.AddInMemoryCollection(appSettings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.AddMentoringApplication();
        var optionTypes = builder.Services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() is var g
                && (g == typeof(IConfigureOptions<>) || g == typeof(IValidateOptions<>) || g == typeof(IPostConfigureOptions<>)))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        using var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e)
        {
            return [.. e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures)];
        }

        var problems = new List<string>();
        foreach (var type in optionTypes)
        {
            var value = host.Services.GetService(typeof(IOptions<>).MakeGenericType(type));
            var options = value?.GetType().GetProperty("Value")!.GetValue(value);
            foreach (var (path, text) in Strings(options, type.Name, depth: 0))
            {
                if (LocalOnly.FirstOrDefault(l => text.Contains(l, StringComparison.OrdinalIgnoreCase)) is { } local)
                    problems.Add($"{path} is '{text}' in Azure: a local default ({local}); the Bicep must set it");
            }
        }

        return problems;
    }

    /// <summary>The string and URI values of an options object and the option objects it holds.</summary>
    private static IEnumerable<(string Path, string Value)> Strings(object? options, string path, int depth)
    {
        if (options is null || depth > 3)
            yield break;
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                continue;
            object? value;
            try
            {
                value = property.GetValue(options);
            }
            catch (TargetInvocationException)
            {
                continue; // a computed property that needs something unset
            }

            var at = $"{path}.{property.Name}";
            switch (value)
            {
                case string s:
                    yield return (at, s);
                    break;
                case Uri u:
                    yield return (at, u.ToString());
                    break;
                case IEnumerable<string> list:
                    foreach (var item in list)
                        yield return (at, item);
                    break;
                case IEnumerable:
                    break;
                case not null when value.GetType().Assembly == options.GetType().Assembly && value.GetType().IsClass:
                    foreach (var inner in Strings(value, at, depth + 1))
                        yield return inner;
                    break;
            }
        }
    }
}
