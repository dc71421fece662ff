namespace OvmSelfHost.Chat.Teams;

/// <summary>The name Teams goes by in votes, the journal and the message store.</summary>
public static class TeamsChannel
{
    public const string Name = "teams";
}
