using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OvmSelfHost.Chat.Teams.Authentication;

/// <summary>
/// Reads the OpenID metadata, follows its <c>jwks_uri</c>, and keeps the keys and their
/// endorsements for <see cref="CacheFor"/> (the Bot Framework asks for at least a daily refresh).
/// A token signed by a key it does not know triggers one early refresh, at most every
/// <see cref="MinimumRefreshInterval"/>, so key rotation is picked up and forged key ids cannot
/// flood the metadata endpoint. Thread-safe.
/// </summary>
public sealed class BotFrameworkKeySource(IHttpClientFactory clients, IOptions<TeamsOptions> options, TimeProvider time)
{
    public const string HttpClientName = "teams-openid";
    public static readonly TimeSpan CacheFor = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1);
    private BotFrameworkKeys? current;

    public async Task<BotFrameworkKeys> GetAsync(string? kid, CancellationToken cancellationToken)
    {
        var keys = current;
        var now = time.GetUtcNow();
        if (keys is not null && now - keys.FetchedAt < CacheFor && (keys.HasKey(kid) || now - keys.FetchedAt < MinimumRefreshInterval))
        {
            return keys;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            keys = current;
            now = time.GetUtcNow();
            if (keys is not null && now - keys.FetchedAt < CacheFor && (keys.HasKey(kid) || now - keys.FetchedAt < MinimumRefreshInterval))
            {
                return keys;
            }

            current = await FetchAsync(cancellationToken);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<BotFrameworkKeys> FetchAsync(CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        var metadata = new OpenIdConnectConfiguration(await http.GetStringAsync(new Uri(options.Value.OpenIdMetadataUrl), cancellationToken));
        if (!Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata has no absolute jwks_uri.");
        }

        var jwks = await http.GetStringAsync(jwksUri, cancellationToken);
        var set = new JsonWebKeySet(jwks);
        return new BotFrameworkKeys(set.GetSigningKeys().ToList(), Endorsements(jwks), time.GetUtcNow());
    }

    private static Dictionary<string, IReadOnlySet<string>> Endorsements(string jwks)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwks);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                && key.TryGetProperty("endorsements", out var endorsements) && endorsements.ValueKind == JsonValueKind.Array)
            {
                result[kid.GetString()!] = endorsements.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
            }
        }

        return result;
    }
}
