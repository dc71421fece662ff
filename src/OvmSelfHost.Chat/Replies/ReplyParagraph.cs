namespace OvmSelfHost.Chat.Replies;

/// <summary>A sentence or two; <paramref name="Heading"/> renders it bold (a title line).</summary>
public sealed record ReplyParagraph(string Text, bool Heading = false) : ReplyBlock;
