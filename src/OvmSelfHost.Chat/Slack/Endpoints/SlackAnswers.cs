using Microsoft.AspNetCore.Http;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>What the endpoints answer at once: an empty acknowledgement, or an ephemeral reply.</summary>
internal static class SlackAnswers
{
    public static IResult Acknowledge() => Results.Ok();

    public static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text });

    /// <summary>A body that is not what Slack sends: 400, still with words for whoever reads it.</summary>
    public static IResult Malformed(string text) => Results.Json(new { response_type = "ephemeral", text }, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Command output as Slack shows it: a multi-line answer in a code block, so columns line up.</summary>
    public static string Format(string text)
    {
        var escaped = Messages.SlackText.Escape(text);
        return Messages.SlackText.Limit(text.Contains('\n', StringComparison.Ordinal) ? $"```\n{escaped}\n```" : escaped, 3900);
    }
}
