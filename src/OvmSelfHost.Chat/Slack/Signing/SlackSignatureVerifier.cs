using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OvmSelfHost.Chat.Slack.Signing;

/// <summary>
/// Slack's request signing (v0): <c>v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body))</c>,
/// with the timestamp within five minutes of now in either direction and a constant-time comparison.
/// </summary>
public sealed class SlackSignatureVerifier(string signingSecret, TimeProvider time)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Version = "v0";
    private readonly byte[] key = Encoding.UTF8.GetBytes(signingSecret);

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.BadTimestamp;
        }

        var age = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs((double)age) > Tolerance.TotalSeconds)
        {
            return SignatureCheck.StaleOrFutureTimestamp;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SignatureCheck.UnknownVersion;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The signature Slack sends for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Version + "=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }
}
