using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// The title and risk of every gate, in one place: a step's gate reads its <see cref="Procedure"/> row, the gates that are
/// not steps (acknowledgement, accepted differences, accepted failed drill, rollback) are listed here. Channels render this.
/// </summary>
public static class GateRules
{
    private static readonly Dictionary<GateKey, GateRule> NotSteps = new GateRule[]
    {
        new(GateKey.Rollback, "Roll back the phase", StepRisk.Dangerous, "Stops the new manager and starts the old one again."),
        new(GateKey.AcceptDifferences, "Accept inventory differences", StepRisk.Dangerous, "Items the new manager does not see would be left behind."),
        new(GateKey.AcceptFailedDrill, "Accept the phase without a passed HA drill", StepRisk.Dangerous,
            "Nobody has seen the manager VM survive a move: a server failure may leave the environment without a manager."),
        new(GateKey.AcknowledgeNonMinimal, "Acknowledge a non-minimal environment", StepRisk.Medium, "The procedure is meant for an initial setup; more is at stake."),
    }.ToDictionary(r => r.Gate);

    /// <summary>The rule of <paramref name="gate"/> for a phase of <paramref name="plan"/>.</summary>
    public static GateRule For(GateKey gate, PhasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (gate.IsStep(out var kind))
        {
            var step = Procedure.Step(kind);
            return new GateRule(gate, step.Title, step.Risk, Procedure.Render(step.WhyRisky, plan));
        }

        return NotSteps.TryGetValue(gate, out var rule)
            ? rule
            : throw new ArgumentException($"Unknown gate '{gate}'. Known gates: {string.Join(", ", Vocabularies.Gates.Words)}.", nameof(gate));
    }
}
