using System.Collections.Concurrent;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>
/// The service URLs the bot may send its token to: only those that arrived on an authenticated
/// activity (whose token's serviceurl claim matched), or were stored from one. Thread-safe.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => urls.TryAdd(Normalize(serviceUrl), 0);

    public bool IsTrusted(string? serviceUrl) => serviceUrl is not null && urls.ContainsKey(Normalize(serviceUrl));

    private static string Normalize(string url) => url.TrimEnd('/');
}
