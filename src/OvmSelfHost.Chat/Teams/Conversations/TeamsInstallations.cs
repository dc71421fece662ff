using OvmSelfHost.Chat.Messages;
using OvmSelfHost.Chat.Teams.Connector;

namespace OvmSelfHost.Chat.Teams.Conversations;

/// <summary>
/// Where the bot was installed (from conversationUpdate) and where each migration was started from,
/// kept in the message store so proactive messages survive a restart. Only references taken from
/// authenticated activities are saved, so their service URLs are trusted again when read back.
/// </summary>
public sealed class TeamsInstallations(IChatMessageStore store, TrustedServiceUrls trusted)
{
    public const string InstallationKey = "installation";
    public const string HomeKey = "home";

    /// <summary>The store keeps installations under this migration id: they belong to no migration.</summary>
    public static readonly Guid NoMigration = Guid.Empty;

    public Task SaveInstallationAsync(TeamsConversationRef conversation, CancellationToken cancellationToken) =>
        store.SaveAsync(new ChatMessageRef(TeamsChannel.Name, NoMigration, InstallationKey, conversation.ToJson(), conversation.ConversationId), cancellationToken);

    public async Task<TeamsConversationRef?> LatestInstallationAsync(CancellationToken cancellationToken) =>
        Read((await store.ListAsync(TeamsChannel.Name, NoMigration, cancellationToken)).FirstOrDefault(m => m.Key == InstallationKey));

    /// <summary>The conversation a migration was started from: its card goes there.</summary>
    public Task SaveHomeAsync(Guid migrationId, TeamsConversationRef conversation, string activityId, CancellationToken cancellationToken) =>
        store.SaveAsync(new ChatMessageRef(TeamsChannel.Name, migrationId, HomeKey, conversation.ToJson(), activityId), cancellationToken);

    /// <summary>A stored reference, its serviceUrl trusted again.</summary>
    public TeamsConversationRef? Read(ChatMessageRef? stored) => Read(stored?.Conversation);

    /// <summary>A reference stored as JSON (<see cref="TeamsConversationRef.ToJson"/>) from an authenticated activity, its serviceUrl trusted again.</summary>
    public TeamsConversationRef? Read(string? json)
    {
        var conversation = TeamsConversationRef.TryParse(json);
        if (conversation is not null)
        {
            trusted.Trust(conversation.ServiceUrl);
        }

        return conversation;
    }
}
