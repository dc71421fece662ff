using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Slack;

/// <summary>Half a Slack configuration stops the host with the key to set; none at all leaves Slack off.</summary>
public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        var hasSecret = !string.IsNullOrWhiteSpace(options.SigningSecret);
        var hasToken = !string.IsNullOrWhiteSpace(options.BotToken);
        if (hasSecret != hasToken)
        {
            errors.Add($"Slack:{(hasSecret ? "BotToken" : "SigningSecret")} is required when Slack:{(hasSecret ? "SigningSecret" : "BotToken")} is set (environment variable Slack__{(hasSecret ? "BotToken" : "SigningSecret")}).");
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
