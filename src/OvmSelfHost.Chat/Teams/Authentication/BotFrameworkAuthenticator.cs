using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OvmSelfHost.Chat.Teams.Activities;

namespace OvmSelfHost.Chat.Teams.Authentication;

/// <summary>
/// Bot Connector → bot authentication (channel tokens): <c>Authorization: Bearer</c> + a JWT signed
/// by a key of the configured OpenID metadata's JWKS (RS256/384/512), issuer
/// <see cref="TeamsOptions.Issuer"/>, audience the bot's app id, lifetime with five minutes of skew;
/// then, once the activity is read, the signing key's endorsements must contain its channelId and
/// the token's <c>serviceurl</c> claim must be its serviceUrl. Emulator and skill tokens are refused.
/// </summary>
public sealed class BotFrameworkAuthenticator(BotFrameworkKeySource keys, IOptions<TeamsOptions> options, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    /// <summary>Checks the header's token; the activity-bound checks follow in <see cref="CheckActivity"/>.</summary>
    public async Task<(TeamsAuthCheck Check, TeamsToken? Token)> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return (TeamsAuthCheck.MissingHeader, null);
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || header.Scheme != "Bearer" || string.IsNullOrWhiteSpace(header.Parameter)
            || authorization.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 2 || !handler.CanReadToken(header.Parameter))
        {
            return (TeamsAuthCheck.NotBearer, null);
        }

        var kid = ReadKid(header.Parameter);
        BotFrameworkKeys known;
        try
        {
            known = await keys.GetAsync(kid, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (TeamsAuthCheck.MetadataUnavailable, null);
        }

        var result = await handler.ValidateTokenAsync(header.Parameter, Parameters(known));
        if (!result.IsValid)
        {
            return (Classify(result.Exception), null);
        }

        var token = (JsonWebToken)result.SecurityToken;
        return (TeamsAuthCheck.Valid, new TeamsToken(token, token.Kid is { } k && known.Endorsements.TryGetValue(k, out var e) ? e : null));
    }

    /// <summary>The checks that need the activity: endorsement of its channel, and its serviceUrl.</summary>
    public static TeamsAuthCheck CheckActivity(TeamsToken token, TeamsActivity activity)
    {
        if (token.Endorsements is null || (!string.IsNullOrEmpty(activity.ChannelId) && !token.Endorsements.Contains(activity.ChannelId)))
        {
            return TeamsAuthCheck.UnendorsedChannel;
        }

        return token.ServiceUrl is { } claimed && activity.ServiceUrl is { } url && string.Equals(claimed.TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? TeamsAuthCheck.Valid
            : TeamsAuthCheck.ServiceUrlMismatch;
    }

    private TokenValidationParameters Parameters(BotFrameworkKeys known) => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidateIssuer = true,
        ValidAudience = options.Value.AppId,
        ValidateAudience = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = Lifetime,
        IssuerSigningKeys = known.Keys,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = Algorithms,
        TryAllIssuerSigningKeys = false,
    };

    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
    }

    private string? ReadKid(string token)
    {
        try
        {
            return handler.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static TeamsAuthCheck Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => TeamsAuthCheck.InvalidIssuer,
        SecurityTokenInvalidAudienceException => TeamsAuthCheck.InvalidAudience,
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException => TeamsAuthCheck.Expired,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => TeamsAuthCheck.InvalidSignature,
        _ => TeamsAuthCheck.InvalidToken,
    };
}
