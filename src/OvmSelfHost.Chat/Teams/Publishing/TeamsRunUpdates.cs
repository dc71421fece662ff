using System.Threading.Channels;

namespace OvmSelfHost.Chat.Teams.Publishing;

/// <summary>The queue between the engine's notifications and the Connector: migration ids whose card is stale. Writing never blocks.</summary>
public sealed class TeamsRunUpdates
{
    private readonly Channel<Guid> items = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(Guid migrationId) => items.Writer.TryWrite(migrationId);

    internal ChannelReader<Guid> Reader => items.Reader;
}
