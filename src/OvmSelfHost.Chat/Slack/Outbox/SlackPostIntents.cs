using System.Globalization;
using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Messages;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Slack.WebApi;

namespace OvmSelfHost.Chat.Slack.Outbox;

/// <summary>
/// Observe-then-act for the posts of a migration's Slack messages. Before each post the publisher records
/// what it is about to post (one intent per migration: its posts are made one after another), and the post
/// carries the same name in its Slack metadata. A post is remembered once Slack accepted it; if the process
/// died in between (or the answer was lost), the intent is still open, and the next delivery, on any
/// replica, first reads the thread (or the channel) back and remembers what it finds instead of posting again.
/// </summary>
public sealed class SlackPostIntents(SlackOutboxApi slack, IChatMessageStore messages)
{
    public const string EventType = "ovm_outbox";

    /// <summary>The stored ref that holds the open intent: its message id names the post ("run", "gate:…", "thread:N").</summary>
    public const string IntentKey = "posting";

    private const string ThreadPrefix = SlackRunPublisher.ThreadKey + ":";

    /// <summary>The intent for the post whose thread lines end with outbox row <paramref name="throughRow"/>.</summary>
    public static string ThreadPost(long throughRow) => ThreadPrefix + throughRow.ToString(CultureInfo.InvariantCulture);

    /// <summary>The metadata that names <paramref name="post"/> of <paramref name="migrationId"/> in Slack.</summary>
    public static SlackMessageMetadata Tag(Guid migrationId, string post) =>
        new(EventType, new JsonObject { ["migration"] = migrationId.ToString("N"), ["post"] = post });

    /// <summary>
    /// Records, before posting, that <paramref name="post"/> is about to be made in <paramref name="conversation"/>,
    /// once the relay's <paramref name="hold"/> on the conversation is confirmed (no other replica posts meanwhile).
    /// </summary>
    public async Task RecordAsync(OutboxHold hold, Guid migrationId, string conversation, string post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        await hold.ConfirmAsync(cancellationToken);
        await messages.SaveAsync(new ChatMessageRef(SlackRunPublisher.ChannelName, migrationId, IntentKey, conversation, post), cancellationToken);
    }

    /// <summary>
    /// The migration's stored refs, after remembering what an interrupted delivery posted without remembering it.
    /// Costs one Slack read only when an intent is open.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessageRef>> ObserveAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        var stored = await messages.ListAsync(SlackRunPublisher.ChannelName, migrationId, cancellationToken);
        if (stored.FirstOrDefault(m => m.Key == IntentKey) is not { } intent || Remembered(intent.MessageId, stored))
        {
            return stored;
        }

        var main = stored.FirstOrDefault(m => m.Key == ChatMessageRef.RunKey);
        var found = main is null
            ? await slack.RecentAsync(intent.Conversation, cancellationToken)
            : await slack.ThreadAsync(main.Conversation, main.MessageId, cancellationToken);
        foreach (var (post, ts) in Tagged(found, migrationId))
        {
            await RememberAsync(migrationId, intent.Conversation, post, ts, stored, cancellationToken);
        }

        return await messages.ListAsync(SlackRunPublisher.ChannelName, migrationId, cancellationToken);
    }

    private async Task RememberAsync(Guid migrationId, string conversation, string post, string ts, IReadOnlyList<ChatMessageRef> stored, CancellationToken cancellationToken)
    {
        if (Remembered(post, stored))
        {
            return;
        }

        var remembered = post.StartsWith(ThreadPrefix, StringComparison.Ordinal)
            ? new ChatMessageRef(SlackRunPublisher.ChannelName, migrationId, SlackRunPublisher.ThreadKey, conversation, post[ThreadPrefix.Length..])
            : new ChatMessageRef(SlackRunPublisher.ChannelName, migrationId, post, conversation, ts);
        await messages.SaveAsync(remembered, cancellationToken);
    }

    private static IEnumerable<(string Post, string Ts)> Tagged(IReadOnlyList<SlackPostedMessage> found, Guid migrationId) =>
        found.Where(m => m.Metadata is { EventType: EventType } tag && tag.EventPayload["migration"]?.GetValue<string>() == migrationId.ToString("N")
                         && tag.EventPayload["post"]?.GetValue<string>() is not null)
            .Select(m => (m.Metadata!.EventPayload["post"]!.GetValue<string>(), m.Ts))
            // Thread posts in row order, so the last one found is the one remembered.
            .OrderBy(p => p.Item1.StartsWith(ThreadPrefix, StringComparison.Ordinal) ? Row(p.Item1) : 0);

    private static bool Remembered(string post, IReadOnlyList<ChatMessageRef> stored)
    {
        if (!post.StartsWith(ThreadPrefix, StringComparison.Ordinal))
        {
            return stored.Any(m => m.Key == post);
        }

        var through = stored.FirstOrDefault(m => m.Key == SlackRunPublisher.ThreadKey)?.MessageId;
        return through is not null && Row(ThreadPrefix + through) >= Row(post);
    }

    private static long Row(string threadPost) =>
        long.TryParse(threadPost.AsSpan(ThreadPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0;
}
