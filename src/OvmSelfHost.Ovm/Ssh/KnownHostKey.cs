using System.Security.Cryptography;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>
/// The host key a host must present: either a full key (algorithm + base64 blob, as in known_hosts)
/// or only its SHA-256 fingerprint.
/// </summary>
internal sealed record KnownHostKey(string? Algorithm, byte[]? KeyBlob, string Sha256Fingerprint)
{
    /// <summary>Parses <c>[host] ssh-ed25519 AAAA… [comment]</c> or <c>SHA256:…</c>; null when unreadable.</summary>
    public static KnownHostKey? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith("SHA256:", StringComparison.Ordinal))
        {
            var fingerprint = trimmed["SHA256:".Length..].TrimEnd('=');
            return fingerprint.Length > 0 ? new KnownHostKey(null, null, fingerprint) : null;
        }

        return TryParseKeyLine(trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static KnownHostKey? TryParseKeyLine(string[] parts)
    {
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            if (!LooksLikeAlgorithm(parts[i]))
            {
                continue;
            }

            try
            {
                var blob = Convert.FromBase64String(parts[i + 1]);
                return new KnownHostKey(parts[i], blob, Fingerprint(blob));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static bool LooksLikeAlgorithm(string word) =>
        word.StartsWith("ssh-", StringComparison.Ordinal) || word.StartsWith("ecdsa-", StringComparison.Ordinal)
        || word.StartsWith("sk-", StringComparison.Ordinal);

    public static string Fingerprint(byte[] keyBlob) => Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>True when the presented key is the pinned one.</summary>
    public bool Matches(byte[] presentedBlob)
    {
        if (KeyBlob is not null)
        {
            // The blob names its own key type; the algorithm may differ (rsa-sha2-512 for an ssh-rsa key).
            return CryptographicOperations.FixedTimeEquals(KeyBlob, presentedBlob);
        }

        return string.Equals(Sha256Fingerprint, Fingerprint(presentedBlob), StringComparison.Ordinal);
    }
}
