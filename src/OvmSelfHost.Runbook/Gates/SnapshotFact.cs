namespace OvmSelfHost.Runbook.Gates;

/// <summary>One thing the approver of a gate is asked to check, as read from Oracle VM when the gate opened.</summary>
public sealed record SnapshotFact(string Name, string Value);
