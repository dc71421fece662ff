using System.Security.Cryptography;
using System.Text;

namespace OvmSelfHost.Chat.Deduplication;

/// <summary>
/// The key of one delivery: its kind and a SHA-256 of what identifies it. Hashed so every key has
/// one short length whatever the parts (long conversation ids, signatures) and nothing a person
/// typed or a signature is stored as is.
/// </summary>
public static class DeliveryKey
{
    public const int MaxLength = 96;

    public static string Of(string kind, params string?[] parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        // Each part with its length, so that no two different lists of parts join to the same text.
        var joined = string.Concat(parts.Select(p => $"{(p ?? "").Length}:{p}"));
        return $"{kind}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))}";
    }
}
