namespace OvmSelfHost.Runbook.People;

/// <summary>Someone who may use the bot, with the identities the channels know them by.</summary>
/// <param name="SignIn">The value of the identity provider's link claim (e-mail, object id) that is this person.</param>
public sealed record Person(string Name, IReadOnlySet<PersonRole> Roles, string? SlackUserId = null, string? TeamsObjectId = null, string? SignIn = null)
{
    public bool Is(PersonRole role) => Roles.Contains(role);
}
