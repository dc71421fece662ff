using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Chat.Commands;

/// <summary>
/// What a typed decision found when it arrived: its run and the gate opening that waited then. The
/// decision is bound to that opening, so a command that waits in the queue (or is retried) while
/// the run moves on never lands on a later gate.
/// </summary>
public sealed record CommandReceipt(Guid RunId, GateOpening? Waiting);
