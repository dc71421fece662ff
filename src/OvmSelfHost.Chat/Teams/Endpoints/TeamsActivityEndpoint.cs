using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Http;
using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Authentication;
using OvmSelfHost.Chat.Teams.Connector;
using OvmSelfHost.Chat.Teams.Conversations;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>
/// <c>POST /api/messages</c>. Order: the token (signature, issuer, audience, lifetime) before the
/// body is read as JSON; then the activity; then the checks that bind the token to it (endorsed
/// channel, serviceurl claim). Any failure is an empty 401 and nothing else happens; unreadable JSON
/// from an authenticated caller is a 400 that says so. Only then is the serviceUrl trusted.
/// In local mode (<see cref="TeamsOptions.LocalMode"/>, the Agents Playground) there is no token: the
/// request must come from loopback without a proxy's headers, and its serviceUrl must be loopback.
/// </summary>
internal sealed partial class TeamsActivityEndpoint(
    BotFrameworkAuthenticator authenticator, TrustedServiceUrls trusted, TeamsMembers members,
    TeamsMessageHandler messages, TeamsInvokeHandler invokes, TeamsInstallationHandler installations,
    IOptions<TeamsOptions> options, ILogger<TeamsActivityEndpoint> logger)
{
    public const int MaxBodyBytes = BoundedBody.MaxBytes;

    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"];

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var local = options.Value.LocalMode;
        TeamsToken? token = null;
        if (!local)
        {
            (var check, token) = await authenticator.ValidateAsync(http.Request.Headers.Authorization, cancellationToken);
            if (check != TeamsAuthCheck.Valid)
            {
                LogRefused(logger, check);
                return Results.Unauthorized();
            }
        }
        else if (NotLocal(http) is { } why)
        {
            LogLocalRefused(logger, why);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Teams local mode answers only the Agents Playground on this machine",
                detail: $"This request {why}; nothing was done. Outside development, turn Teams:LocalMode off and set Teams:AppId and Teams:AppPassword.");
        }

        if (await BoundedBody.ReadAsync(http.Request, cancellationToken) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var activity = Parse(body);
        if (activity?.Type is not { Length: > 0 } type)
        {
            return Results.BadRequest(new { error = "The body is not a Bot Framework Activity (JSON with a type); nothing was done." });
        }

        if (!local)
        {
            var check = BotFrameworkAuthenticator.CheckActivity(token!, activity);
            if (check != TeamsAuthCheck.Valid)
            {
                LogRefused(logger, check);
                return Results.Unauthorized();
            }
        }
        else if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || !serviceUrl.IsLoopback)
        {
            return Results.BadRequest(new { error = $"In Teams local mode replies go only to a loopback serviceUrl (the Agents Playground's, e.g. http://localhost:56150/_connector), not '{activity.ServiceUrl}'; nothing was done." });
        }

        trusted.Trust(activity.ServiceUrl!);
        members.Learn(activity.From);
        switch (type)
        {
            case "message":
                await messages.HandleAsync(activity, cancellationToken);
                return Results.Ok();
            case "invoke":
                return await invokes.HandleAsync(activity, cancellationToken);
            case "conversationUpdate":
                installations.Handle(activity);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    /// <returns>Why the request is not from this machine directly, as a clause; null when it is.</returns>
    private static string? NotLocal(HttpContext http)
    {
        if (ProxyHeaders.FirstOrDefault(http.Request.Headers.ContainsKey) is { } header)
        {
            return $"came through a reverse proxy (it carries {header})";
        }

        return http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote) ? $"came from {remote}, not from loopback" : null;
    }

    private static TeamsActivity? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<TeamsActivity>(body, TeamsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Refused a request to /api/messages: {Check}.")]
    private static partial void LogRefused(ILogger logger, TeamsAuthCheck check);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Warning, Message = "Teams local mode refused a request to /api/messages: it {Why}.")]
    private static partial void LogLocalRefused(ILogger logger, string why);
}
