using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Teams.Conversations;

namespace OvmSelfHost.Chat.Teams.Outbox;

/// <summary>
/// Posts announcements, through the outbox, where the bot was installed last: Teams has no configured channel
/// (a bot can only post where it was added), and that is where a migration's card goes when no one asked from Teams.
/// </summary>
public sealed class TeamsAnnouncements(TeamsInstallations installations) : IAnnouncementChannel
{
    public async ValueTask<OutboxMessage?> AnnouncementAsync(string text, CancellationToken cancellationToken) =>
        await installations.LatestInstallationAsync(cancellationToken) is { } installed ? TeamsRunPublisher.Post(installed, text) : null;
}
