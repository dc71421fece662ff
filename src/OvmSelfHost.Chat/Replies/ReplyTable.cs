namespace OvmSelfHost.Chat.Replies;

/// <summary>Rows under named columns (the first column names the row); every row has one cell per column.</summary>
public sealed record ReplyTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReplyBlock;
