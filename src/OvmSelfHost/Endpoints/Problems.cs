using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Endpoints;

/// <summary>Refusals as RFC 7807 problem details whose detail says what was wrong and what to do.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult From(OutcomeKind kind, string detail) => kind switch
    {
        OutcomeKind.NotFound => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        OutcomeKind.Forbidden => Results.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        OutcomeKind.Conflict => Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible now"),
        _ => BadRequest(detail),
    };
}
