using Microsoft.AspNetCore.Antiforgery;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Web;

/// <summary>Who may act from the console: the configured people (names and roles only) and whether the host trusts a picked name.</summary>
internal static class ConsoleSessionApi
{
    public static IResult Session(LocalMode local, IAntiforgery antiforgery, HttpContext http) => Results.Ok(new SessionView(
        local.IsLocal,
        local.Addresses(),
        local.IsLocal
            ? "Local mode: the host listens on loopback only, so the console acts as the user you pick."
            : $"Read-only: {local.WhyNotLocal}. The console cannot act until real authentication exists; use Slack or Teams to act.",
        antiforgery.GetAndStoreTokens(http).RequestToken));

    public static IResult People(PeopleDirectory people) => Results.Ok(
        people.All.Select(p => new PersonView(p.Name, p.Roles.Select(r => r.ToString().ToLowerInvariant()).Order().ToList())));
}
