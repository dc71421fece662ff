namespace OvmSelfHost.Runbook.Audit;

/// <summary>A journal entry as stored, with its row id and its link (null: written before the chain, or outside the bot).</summary>
public sealed record ChainedAuditEntry(long Id, AuditEntry Entry, AuditLink? Link);
