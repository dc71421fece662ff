using OvmSelfHost.Chat.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Slack.Signing;

/// <summary>
/// Verifies every request of the Slack group over the exact bytes received, before anything reads
/// them as a form or as JSON. A failure is an empty 401 and nothing else happens.
/// </summary>
internal sealed partial class SlackSignatureFilter(SlackSignatureVerifier verifier, ILogger<SlackSignatureFilter> logger) : IEndpointFilter
{
    /// <summary>Larger bodies are refused; Slack's payloads are far smaller.</summary>
    public const int MaxBodyBytes = BoundedBody.MaxBytes;

    private const string BodyItem = "slack.raw-body";

    public static byte[] RawBody(HttpContext context) => (byte[])context.Items[BodyItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = await BoundedBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var check = verifier.Verify(http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body);
        if (check != SignatureCheck.Valid)
        {
            LogRefused(logger, http.Request.Path, check);
            return Results.Unauthorized();
        }

        http.Items[BodyItem] = body;
        return await next(context);
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Refused a request to {Path}: signature check {Check}.")]
    private static partial void LogRefused(ILogger logger, string path, SignatureCheck check);
}
