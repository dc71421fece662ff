
namespace OvmSelfHost.Runbook.Gates;

/// <summary>Who decided what on a gate, and when: what replaces the buttons once a gate is decided.</summary>
public sealed record GateDecision(string User, VoteDecision Decision, string? Reason, DateTimeOffset At, string Channel);
