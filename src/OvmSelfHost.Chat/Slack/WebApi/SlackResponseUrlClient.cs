using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>
/// Replies through an interaction's <c>response_url</c> (no token: the URL is the credential;
/// usable five times in 30 minutes). Ephemeral replies, and "replace the original" for buttons.
/// </summary>
public sealed class SlackResponseUrlClient(HttpClient http, Microsoft.Extensions.Options.IOptions<SlackOptions> options)
{
    /// <param name="blocks">The reply as Block Kit; <paramref name="text"/> is then the notification fallback.</param>
    public async Task ReplyAsync(string responseUrl, string text, bool ephemeral = true, CancellationToken cancellationToken = default, JsonArray? blocks = null)
    {
        if (!IsTrusted(responseUrl))
        {
            throw new SlackApiException("response_url", "untrusted_response_url");
        }

        var body = new JsonObject
        {
            ["response_type"] = ephemeral ? "ephemeral" : "in_channel",
            ["replace_original"] = false,
            ["text"] = text,
        };
        if (blocks is not null)
        {
            body["blocks"] = blocks;
        }

        using var response = await http.PostAsJsonAsync(new Uri(responseUrl), body, SlackJson.Options, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
        }
    }

    public bool IsTrusted(string responseUrl) =>
        Uri.TryCreate(responseUrl, UriKind.Absolute, out _)
        && options.Value.ResponseUrlPrefixes.Any(p => responseUrl.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
