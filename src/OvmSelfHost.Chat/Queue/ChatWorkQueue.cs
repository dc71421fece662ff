using System.Threading.Channels;

namespace OvmSelfHost.Chat.Queue;

/// <summary>
/// The hand-off between a chat endpoint's acknowledgement and the work behind it. Enqueueing never
/// blocks and never touches the database, so an endpoint answers within its budget (Slack: 3 s).
/// </summary>
public sealed class ChatWorkQueue
{
    private readonly Channel<ChatWork> items = Channel.CreateUnbounded<ChatWork>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string description, Func<CancellationToken, Task> work) =>
        items.Writer.TryWrite(new ChatWork(description, work));

    internal ChannelReader<ChatWork> Reader => items.Reader;
}
