using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Outbox;

namespace OvmSelfHost.Chat.Slack.Outbox;

/// <summary>Posts announcements to the configured Slack channel (<c>Slack:Channel</c>), through the outbox.</summary>
public sealed class SlackAnnouncements(IOptions<SlackOptions> options) : IAnnouncementChannel
{
    public ValueTask<OutboxMessage?> AnnouncementAsync(string text, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.Channel is { Length: > 0 } channel ? SlackRunPublisher.Post(channel, null, text) : null);
}
