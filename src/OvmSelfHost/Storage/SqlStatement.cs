namespace OvmSelfHost.Storage;

/// <summary>One statement of a hand-batched write.</summary>
/// <param name="Guard">
/// Set on a statement that must change exactly one row, or the whole write is void (a version or a fence check):
/// what to say when it changed none.
/// </param>
internal sealed record SqlStatement(string Text, IReadOnlyList<SqlValue> Values, SqlGuard? Guard = null);
