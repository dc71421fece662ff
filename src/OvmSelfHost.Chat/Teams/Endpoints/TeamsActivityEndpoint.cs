using OvmSelfHost.Chat.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
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
/// </summary>
internal sealed partial class TeamsActivityEndpoint(
    BotFrameworkAuthenticator authenticator, TrustedServiceUrls trusted, TeamsMembers members,
    TeamsMessageHandler messages, TeamsInvokeHandler invokes, TeamsInstallationHandler installations,
    ILogger<TeamsActivityEndpoint> logger)
{
    public const int MaxBodyBytes = BoundedBody.MaxBytes;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var (check, token) = await authenticator.ValidateAsync(http.Request.Headers.Authorization, cancellationToken);
        if (check != TeamsAuthCheck.Valid)
        {
            LogRefused(logger, check);
            return Results.Unauthorized();
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

        check = BotFrameworkAuthenticator.CheckActivity(token!, activity);
        if (check != TeamsAuthCheck.Valid)
        {
            LogRefused(logger, check);
            return Results.Unauthorized();
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
}
