using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>An <c>application/x-www-form-urlencoded</c> body read from the verified raw bytes.</summary>
internal sealed class SlackForm(Dictionary<string, StringValues> fields)
{
    public static SlackForm Parse(byte[] body) => new(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)));

    public string? this[string name] => fields.TryGetValue(name, out var value) ? value.ToString() : null;
}
