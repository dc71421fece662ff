using Microsoft.IdentityModel.JsonWebTokens;

namespace OvmSelfHost.Chat.Teams.Authentication;

/// <summary>A token whose signature, issuer, audience and lifetime passed, and the endorsements of the key that signed it.</summary>
public sealed record TeamsToken(JsonWebToken Token, IReadOnlySet<string>? Endorsements)
{
    public string? ServiceUrl => Token.TryGetClaim("serviceurl", out var claim) ? claim.Value : null;
}
