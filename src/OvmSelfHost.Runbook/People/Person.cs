namespace OvmSelfHost.Runbook.People;

/// <summary>Someone who may use the bot, with the identities the channels know them by.</summary>
public sealed record Person(string Name, IReadOnlySet<PersonRole> Roles, string? SlackUserId = null, string? TeamsObjectId = null)
{
    public bool Is(PersonRole role) => Roles.Contains(role);
}
