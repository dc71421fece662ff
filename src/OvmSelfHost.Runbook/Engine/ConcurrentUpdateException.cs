namespace OvmSelfHost.Runbook.Engine;

/// <summary>Someone else saved the run first; reload and decide again.</summary>
public sealed class ConcurrentUpdateException(Guid migrationId, Exception? inner = null)
    : Exception($"Migration {migrationId} was changed by someone else at the same time.", inner);
