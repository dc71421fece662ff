using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>How a gate presents itself to the people asked to decide it: its title, its risk and why.</summary>
public sealed record GateRule(GateKey Gate, string Title, StepRisk Risk, string WhyRisky);
