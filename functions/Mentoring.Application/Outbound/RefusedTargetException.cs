namespace Mentoring.Application.Outbound;

/// <summary>A request on a user's behalf would have reached a non-public address; nothing was sent.</summary>
internal sealed class RefusedTargetException(string refusal)
    : IOException($"The address is {refusal}: requests made for users reach public addresses only (Network:AllowPrivateTargets).")
{
    /// <summary>The kind recorded on a connection's health and in a delivery log: the same whatever listens there.</summary>
    public const string Kind = "address-refused";

    public string Refusal { get; } = refusal;

    /// <summary>True when the exception, or one it wraps (HttpClient wraps the connect callback's), is a refusal.</summary>
    public static bool IsIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is RefusedTargetException)
                return true;
        }

        return false;
    }
}
