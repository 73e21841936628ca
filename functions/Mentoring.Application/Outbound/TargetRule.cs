using System.Net;

namespace Mentoring.Application.Outbound;

/// <summary>
/// Which addresses the clients for users' URLs may connect to: public ones (<see cref="AddressClassifier"/>), or any when
/// <c>Network:AllowPrivateTargets</c> is set. A singleton, so a test can tell two loopback addresses apart.
/// </summary>
internal sealed class TargetRule(Func<IPAddress, string?> refusalOf)
{
    public static TargetRule Public { get; } = new(AddressClassifier.RefusalOf);

    public static TargetRule Any { get; } = new(_ => null);

    /// <summary>Null when the address may be reached; otherwise why not ("loopback", "private", …).</summary>
    public string? RefusalOf(IPAddress address) => refusalOf(address);
}
