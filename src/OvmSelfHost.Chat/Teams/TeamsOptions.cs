namespace OvmSelfHost.Chat.Teams;

/// <summary>
/// The <c>Teams</c> section. The channel is on when the app id and password are set; the password
/// comes from the environment (<c>Teams__AppPassword</c>) or a secrets store, never from the
/// committed appsettings.json, and is never logged or echoed.
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string BotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of every token the Bot Connector sends to a bot.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>Scope of the bot's own token for the Connector API.</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>The bot's Microsoft App ID (a GUID): the audience of inbound tokens and the client id of outbound ones.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The tenant of a single-tenant bot; null or empty for a multi-tenant one.</summary>
    public string? TenantId { get; set; }

    /// <summary>OpenID metadata whose JWKS signs inbound tokens; tests serve their own.</summary>
    public string OpenIdMetadataUrl { get; set; } = BotFrameworkMetadataUrl;

    /// <summary>Issuer required of inbound tokens (the Bot Framework's unless a test says otherwise).</summary>
    public string Issuer { get; set; } = BotFrameworkIssuer;

    /// <summary>The client-credentials token endpoint; by default Bot Framework's (multi-tenant) or the tenant's (single-tenant).</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>
    /// Development only: accept activities without a token from the Microsoft 365 Agents Playground and
    /// send replies to its (loopback) serviceUrl without one. The host refuses to start with it on
    /// unless every address it listens on is loopback (<see cref="TeamsLocalModeValidator"/>), and a
    /// request that came from elsewhere or through a proxy is still refused.
    /// </summary>
    public bool LocalMode { get; set; }

    public bool Enabled => LocalMode || (!string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword));

    public string EffectiveTokenEndpoint =>
        !string.IsNullOrWhiteSpace(TokenEndpoint) ? TokenEndpoint
        : $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token";
}
