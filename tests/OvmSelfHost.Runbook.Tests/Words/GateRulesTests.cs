using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Tests.Words;

public sealed class GateRulesTests
{
    private static readonly PhasePlan Plan = Procedure.Phase(1, "A", "B");

    [Fact]
    public void EveryKnownGate_For_HasATitleAndSaysWhyItIsRisky()
    {
        var rules = Vocabularies.Gates.Words.Select(g => GateRules.For(g, Plan)).ToList();

        Assert.Equal(Vocabularies.Gates.Words.Count, rules.Select(r => r.Gate).Distinct().Count());
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Title) || string.IsNullOrWhiteSpace(r.WhyRisky), r.Gate));
        Assert.Equal(StepRisk.Dangerous, GateRules.For(GateKeys.Rollback, Plan).Risk);
        Assert.Equal(Procedure.Step(StepKind.StopOldManager).Title, GateRules.For("StopOldManager", Plan).Title);
    }

    [Fact]
    public void UnknownGate_For_ThrowsNamingTheKnownGates()
    {
        var error = Assert.Throws<ArgumentException>(() => GateRules.For("Teleport", Plan));

        Assert.Contains("Unknown gate 'Teleport'. Known gates: Preflight", error.Message);
    }
}
