namespace OvmSelfHost.Storage;

/// <summary>A chat message the bot edits in place (a migration's progress message, a gate's proposal); keyed by channel, migration and key.</summary>
internal sealed class ChatMessageRow
{
    public string Channel { get; set; } = "";
    public Guid MigrationId { get; set; }
    public string Key { get; set; } = "";
    public string Conversation { get; set; } = "";
    public string MessageId { get; set; } = "";
    public bool Closed { get; set; }
}
