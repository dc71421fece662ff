namespace OvmSelfHost.Storage;

/// <summary>A unique index refused a row of a batched write (another writer got there first), so nothing of the write was kept.</summary>
internal sealed class SqlConflictException(Exception inner) : Exception("A concurrent write took a unique place first; nothing was written.", inner);
