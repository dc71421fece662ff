using OvmSelfHost.Chat.Commands;
using OvmSelfHost.SignIn;

namespace OvmSelfHost.Endpoints;

public static class CommandApi
{
    public static IEndpointRouteBuilder MapCommandApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/commands", ExecuteAsync).WithTags("Commands");
        return app;
    }

    private static async Task<IResult> ExecuteAsync(HttpRequest request, CommandExecutor commands, Askers askers, CancellationToken cancellationToken)
    {
        var (body, asker, problem) = await MigrationApi.ReadFromSomeoneAsync<CommandRequest>(request, askers, b => b.User, "user", """{"user":"alice","text":"/ovm status"}""");
        if (problem is not null)
        {
            return problem;
        }

        var reply = await commands.ExecuteAsync(asker!.Name, "web", body!.Text, cancellationToken, authentication: asker.Authentication);
        var result = new { ok = reply.Succeeded, outcome = reply.Kind.ToString(), text = reply.Text, migrationId = reply.MigrationId, document = reply.Document?.ToJson() };
        return reply.Succeeded ? Results.Ok(result) : Results.Json(result, statusCode: Status(reply.Kind));
    }

    private static int Status(Runbook.Engine.OutcomeKind kind) => kind switch
    {
        Runbook.Engine.OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        Runbook.Engine.OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        Runbook.Engine.OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
