namespace OvmSelfHost.Chat.Outbox;

/// <summary>A chat channel enabled at start-up that can post a notice belonging to no migration (a readiness change) to its configured channel.</summary>
public interface IAnnouncementChannel
{
    /// <returns>The outbox row of the post; null when the channel has nowhere configured to post it.</returns>
    ValueTask<OutboxMessage?> AnnouncementAsync(string text, CancellationToken cancellationToken);
}
