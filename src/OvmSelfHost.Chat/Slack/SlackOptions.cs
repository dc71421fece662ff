namespace OvmSelfHost.Chat.Slack;

/// <summary>
/// The <c>Slack</c> section. The channel is on when the bot token and a way in are set: the signing
/// secret (Slack calls the HTTP endpoints) and/or the app-level token (the bot connects out over
/// Socket Mode). Secrets come from environment variables (<c>Slack__SigningSecret</c>,
/// <c>Slack__BotToken</c>, <c>Slack__AppToken</c>) or a secrets store, never from the committed
/// appsettings.json. No secret is ever logged or echoed.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret: every request from Slack is verified with it (v0 HMAC-SHA256).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-…) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// The app-level token (xapp-…, scope connections:write): when set, the bot connects to Slack over
    /// Socket Mode and needs no public address.
    /// </summary>
    public string? AppToken { get; set; }

    /// <summary>The id (C…) of the channel where each migration gets its message (not its name: the bot reads its posts back by id).</summary>
    public string? Channel { get; set; }

    /// <summary>The Web API's base URL; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Where a <c>response_url</c> may point. It arrives inside a signed request, but it is still a URL
    /// the bot will post to: anything else is refused rather than followed.
    /// </summary>
    public List<string> ResponseUrlPrefixes { get; set; } = ["https://hooks.slack.com/"];

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken) && (HttpEnabled || SocketModeEnabled);

    /// <summary>Slack reaches the bot's HTTP endpoints (needs a public HTTPS address).</summary>
    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>The bot connects out to Slack.</summary>
    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);
}
