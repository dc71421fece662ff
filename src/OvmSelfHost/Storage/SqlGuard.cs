namespace OvmSelfHost.Storage;

/// <summary>Why a guarded statement (<see cref="SqlStatement.Guard"/>) that changed no row voids its write.</summary>
internal enum SqlGuard
{
    /// <summary>The run was saved by someone else since it was read.</summary>
    Version,

    /// <summary>The executor's lease is no longer this replica's.</summary>
    Fence,

    /// <summary>The delivery the write answers was claimed before (a replay).</summary>
    Delivery,
}
