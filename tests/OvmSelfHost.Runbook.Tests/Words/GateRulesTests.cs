using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Tests.Words;

public sealed class GateRulesTests
{
    private static readonly PhasePlan Plan = Procedure.Phase(1, "A", "B");

    [Fact]
    public void EveryKnownGate_For_HasATitleAndSaysWhyItIsRisky()
    {
        var rules = GateKey.All.Select(g => GateRules.For(g, Plan)).ToList();

        Assert.Equal(GateKey.All.Count, rules.Select(r => r.Gate).Distinct().Count());
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Title) || string.IsNullOrWhiteSpace(r.WhyRisky), r.Gate.Name));
        Assert.Equal(StepRisk.Dangerous, GateRules.For(GateKey.Rollback, Plan).Risk);
        Assert.Equal(Procedure.Step(StepKind.StopOldManager).Title, GateRules.For(GateKey.Of(StepKind.StopOldManager), Plan).Title);
    }
}
