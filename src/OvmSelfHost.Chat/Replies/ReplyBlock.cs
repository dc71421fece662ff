namespace OvmSelfHost.Chat.Replies;

/// <summary>One part of a <see cref="ReplyDocument"/>: a paragraph, a list or a table. Channels render each kind their own way.</summary>
public abstract record ReplyBlock;
