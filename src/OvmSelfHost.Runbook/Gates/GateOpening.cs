namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// One opening of one gate, as a button or card remembers it. A vote that names it counts only
/// while that very opening waits, so a click on a stale button can never land on a later gate.
/// </summary>
public sealed record GateOpening(int Phase, string Gate, int Round);
