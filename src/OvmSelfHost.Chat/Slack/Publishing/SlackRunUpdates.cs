using System.Threading.Channels;

namespace OvmSelfHost.Chat.Slack.Publishing;

/// <summary>The queue between the engine's notifications and the Slack Web API; writing never blocks.</summary>
public sealed class SlackRunUpdates
{
    private readonly Channel<SlackRunUpdate> items = Channel.CreateUnbounded<SlackRunUpdate>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(SlackRunUpdate update) => items.Writer.TryWrite(update);

    internal ChannelReader<SlackRunUpdate> Reader => items.Reader;
}
