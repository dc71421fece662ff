using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Slack;

/// <summary>Half a Slack configuration stops the host with the key to set; none at all leaves Slack off. A token is checked by its prefix only, never echoed.</summary>
public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        var hasWayIn = options.HttpEnabled || options.SocketModeEnabled;
        var hasToken = !string.IsNullOrWhiteSpace(options.BotToken);
        if (hasWayIn && !hasToken)
        {
            errors.Add("Slack:BotToken is required when Slack:SigningSecret or Slack:AppToken is set (environment variable Slack__BotToken).");
        }

        if (hasToken && !hasWayIn)
        {
            errors.Add("Slack:SigningSecret (HTTP endpoints, environment variable Slack__SigningSecret) or Slack:AppToken (Socket Mode, Slack__AppToken) is required when Slack:BotToken is set.");
        }

        if (options.SocketModeEnabled && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add("Slack:AppToken is not an app-level token: it starts with xapp- (Basic Information → App-Level Tokens, scope connections:write).");
        }

        if (options.Enabled && string.IsNullOrWhiteSpace(options.Channel))
        {
            errors.Add("Slack:Channel is required when Slack is on: the id (C…) of the channel where migrations are posted.");
        }
        else if (options.Enabled && !ChannelId().IsMatch(options.Channel!))
        {
            // After a crash the relay reads the channel back before posting again, and conversations.history takes ids only.
            errors.Add($"Slack:Channel '{options.Channel}' is not a channel id: give the id (C…, under the channel's name → About in Slack), not its name.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add($"Slack:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL (default https://slack.com/api/).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Public (C…) and private (G…) channel ids.</summary>
    [GeneratedRegex("^[CG][A-Z0-9]{6,}$")]
    private static partial Regex ChannelId();
}
