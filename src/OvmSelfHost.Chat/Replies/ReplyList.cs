namespace OvmSelfHost.Chat.Replies;

/// <summary>A bulleted list.</summary>
public sealed record ReplyList(IReadOnlyList<ReplyItem> Items) : ReplyBlock;
