namespace OvmSelfHost.Runbook.Audit;

/// <summary>
/// The link that chains one journal entry to the one before it: its place in the migration's chain, the
/// previous entry's hash (the run's root for the first) and its own hash over both and its content.
/// </summary>
public sealed record AuditLink(long Sequence, string PreviousHash, string Hash);
