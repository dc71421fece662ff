using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Tests.Words;

public sealed class PersonFacingNamesTests
{
    [Fact]
    public void StepGate_Named_ReadsAsTheStepsTitle() =>
        Assert.Equal(Procedure.Step(StepKind.StopOldManager).Title, PersonFacingNames.OfGate(GateKey.Of(StepKind.StopOldManager)));

    [Fact]
    public void NotAStepGate_Named_ShownByItsName() =>
        Assert.Equal("AcceptDifferences", PersonFacingNames.OfGate(GateKey.AcceptDifferences));

    [Fact]
    public void NoGate_Named_IsEmpty() =>
        Assert.Equal("", PersonFacingNames.OfGate(null));
}
