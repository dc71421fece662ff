namespace OvmSelfHost.Storage;

/// <summary>A guarded statement of a batched write changed no row, so nothing of the write was kept.</summary>
internal sealed class SqlGuardException(SqlGuard guard, Exception? inner = null)
    : Exception($"The write's {guard} check failed; nothing was written.", inner)
{
    public SqlGuard Guard { get; } = guard;
}
