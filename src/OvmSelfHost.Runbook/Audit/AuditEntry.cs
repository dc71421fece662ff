namespace OvmSelfHost.Runbook.Audit;

/// <summary>One line of the append-only journal: who did what, when, through which channel.</summary>
public sealed record AuditEntry(Guid MigrationId, DateTimeOffset At, string Actor, string Channel, string Action, string Detail);
