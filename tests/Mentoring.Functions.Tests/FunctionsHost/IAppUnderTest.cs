using Mentoring.Tests.Email;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>A running host of the app, as <see cref="SharedScenario"/> drives it: its doors, its storage, its log.</summary>
internal interface IAppUnderTest
{
    /// <summary>Which host this is (printed by every test).</summary>
    string Description { get; }

    IReadOnlyList<string> LocalDifferences { get; }

    Uri BaseUrl { get; }

    HttpClient Http { get; }

    string StorageConnectionString { get; }

    FakeSendGrid SendGrid { get; }

    string Log { get; }

    /// <summary>An admin API request with the admin key, in X-Api-Key as callers send it in Azure (docs/deploy.md).</summary>
    HttpRequestMessage Admin(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUrl, "api/" + path)) { Content = content };
        request.Headers.Add("X-Api-Key", TestValues.AdminKey);
        return request;
    }

    string Tail(int lines = 60) => string.Join(Environment.NewLine, Log.Split('\n').TakeLast(lines));
}
