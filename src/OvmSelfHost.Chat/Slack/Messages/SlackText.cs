using System.Globalization;

namespace OvmSelfHost.Chat.Slack.Messages;

/// <summary>Slack mrkdwn: escaping of control characters, and dates every reader sees in their own time zone.</summary>
public static class SlackText
{
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A date Slack formats for the reader, with a UTC fallback.</summary>
    public static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{{date_short_pretty}} at {{time}}|{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC>";

    /// <summary>Longer texts are cut to Slack's limit for a text object.</summary>
    public static string Limit(string text, int max = 2900) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
