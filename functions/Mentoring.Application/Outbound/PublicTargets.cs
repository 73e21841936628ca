using System.Net;
using System.Net.Sockets;

namespace Mentoring.Application.Outbound;

/// <summary>
/// Keeps requests made on a user's behalf on allowed addresses. The handler resolves the host itself and connects only
/// to an address it has checked — on every connection, so each redirect's new host is checked too, and a name that
/// resolves differently the second time (DNS rebinding) still cannot reach inside. <see cref="CheckAsync"/> is the same
/// rule up front, so an admin request can answer 400 before anything is saved.
/// </summary>
internal static class PublicTargets
{
    public const int MaxRedirects = 5;

    private static readonly TimeSpan LookupDeadline = TimeSpan.FromSeconds(5);

    /// <summary>The primary handler for clients that fetch users' URLs: no proxy (it would be what the check sees).</summary>
    public static SocketsHttpHandler Handler(TargetRule rule) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, ct) => ConnectAsync(rule, context.DnsEndPoint, ct),
    };

    /// <summary>Null when the URL's host is allowed (or does not resolve now); otherwise the class of address refused.</summary>
    public static async Task<string?> CheckAsync(Uri url, TargetRule rule, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, ct);
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return null; // not resolvable now: the fetch checks again when it connects
        }

        return addresses.Select(rule.RefusalOf).FirstOrDefault(r => r is not null);
    }

    private static async ValueTask<Stream> ConnectAsync(TargetRule rule, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = await ResolveAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => rule.RefusalOf(a) is null).ToArray();
        if (allowed.Length == 0)
            throw new RefusedTargetException(addresses.Select(rule.RefusalOf).FirstOrDefault() ?? "unresolved");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct); // only the addresses just checked
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The host's addresses. An address written with a trailing dot (<c>127.0.0.1.</c>) is that address, and localhost
    /// names (<c>localhost.</c>, <c>x.localhost</c>) are loopback whatever a resolver says (RFC 6761 §6.3), so neither
    /// depends on DNS to be refused.
    /// </summary>
    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        var trimmed = host.Trim('[', ']');
        var name = trimmed.TrimEnd('.');
        if (IPAddress.TryParse(name, out var literal))
            return [literal];
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        return await Dns.GetHostAddressesAsync(trimmed, ct).WaitAsync(LookupDeadline, ct);
    }
}
