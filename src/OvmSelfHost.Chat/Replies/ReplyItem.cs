namespace OvmSelfHost.Chat.Replies;

/// <summary>A list entry: an optional command or name shown as code (what to type), then its text.</summary>
public sealed record ReplyItem(string? Code, string Text);
