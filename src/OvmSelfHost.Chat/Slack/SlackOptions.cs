namespace OvmSelfHost.Chat.Slack;

/// <summary>
/// The <c>Slack</c> section. The channel is on when both secrets are set; they come from environment
/// variables (<c>Slack__SigningSecret</c>, <c>Slack__BotToken</c>) or a secrets store, never from the
/// committed appsettings.json. Neither secret is ever logged or echoed.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret: every request from Slack is verified with it (v0 HMAC-SHA256).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-…) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>The id (C…) of the channel where each migration gets its message (not its name: the bot reads its posts back by id).</summary>
    public string? Channel { get; set; }

    /// <summary>The Web API's base URL; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Where a <c>response_url</c> may point. It arrives inside a signed request, but it is still a URL
    /// the bot will post to: anything else is refused rather than followed.
    /// </summary>
    public List<string> ResponseUrlPrefixes { get; set; } = ["https://hooks.slack.com/"];

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);
}
