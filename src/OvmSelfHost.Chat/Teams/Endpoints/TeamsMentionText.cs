using System.Net;
using System.Text.RegularExpressions;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>A message's command: the text without its <c>&lt;at&gt;…&lt;/at&gt;</c> mentions and markup.</summary>
internal static partial class TeamsMentionText
{
    public static string Command(string? text) =>
        WebUtility.HtmlDecode(Tags().Replace(Mentions().Replace(text ?? "", " "), " ")).Replace('\u00a0', ' ').Trim();

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mentions();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
