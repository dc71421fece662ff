using Microsoft.IdentityModel.Tokens;

namespace OvmSelfHost.Chat.Teams.Authentication;

/// <summary>The signing keys of the OpenID metadata's JWKS, with each key's endorsements (the channels it may sign for).</summary>
public sealed record BotFrameworkKeys(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements, DateTimeOffset FetchedAt)
{
    public bool HasKey(string? kid) => kid is not null && Keys.Any(k => k.KeyId == kid);
}
