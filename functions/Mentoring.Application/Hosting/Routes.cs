namespace Mentoring.Application.Hosting;

/// <summary>
/// The HTTP route table, shared by both hosts: the Functions attributes use these constants, and the local host maps
/// <see cref="HttpEndpoints.All"/> under <see cref="Prefix"/> (the Functions default route prefix).
/// </summary>
public static class Routes
{
    public const string Prefix = "api";

    public const string Health = "health";
}
