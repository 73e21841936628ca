using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mentoring.Application.Storage;

/// <summary>
/// Table keys from ids. PartitionKey and RowKey may not hold <c>/ \ # ?</c> nor control characters, and '%' is unsafe in
/// point operations; so every byte outside <c>[A-Za-z0-9-_.]</c> is written as <c>!XX</c>, and a key that would pass
/// 255 characters keeps a readable prefix and ends in its SHA-256. The same id always gives the same key.
/// </summary>
internal static class Keys
{
    /// <summary>Separates the parts of a composite key; never produced by <see cref="Encode"/>.</summary>
    public const char Separator = '~';

    private const int MaxLength = 255;

    public static string Encode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var builder = new StringBuilder(id.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.')
                builder.Append(c);
            else
                builder.Append('!').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        if (builder.Length <= MaxLength)
            return builder.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return builder.ToString(0, MaxLength - hash.Length - 2) + "!h" + hash;
    }

    /// <summary>The partition that holds one pair's ledger, decided messages, pending events and evaluation state.</summary>
    public static string PairLog(string programId, string pairId) => Encode(programId) + Separator + Encode(pairId);

    /// <summary>The partition that holds a program's own decided messages (the program crunch).</summary>
    public static string ProgramLog(string programId) => Encode(programId) + Separator;

    /// <summary>Fixed-width ticks, so that the lexical order of row keys is the order of instants.</summary>
    public static string Sortable(DateTimeOffset instant) =>
        instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
