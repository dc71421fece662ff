namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>The Connector's answer to a send, reply or update: the activity's id.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}
