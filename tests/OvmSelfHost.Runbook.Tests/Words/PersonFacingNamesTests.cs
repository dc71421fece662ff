using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Tests.Words;

public sealed class PersonFacingNamesTests
{
    [Fact]
    public void StepGate_Named_ReadsAsTheStepsTitle() =>
        Assert.Equal(Procedure.Step(StepKind.StopOldManager).Title, PersonFacingNames.OfGate("StopOldManager"));

    [Theory]
    [InlineData("AcceptDifferences")]
    [InlineData("Preflight, StopOldManager")] // the framework's enum parser would combine these as flags
    [InlineData("7")]                         // and take a number as a step
    [InlineData(" StopOldManager")]
    public void NotAStepName_Named_ShownAsWritten(string gate) =>
        Assert.Equal(gate, PersonFacingNames.OfGate(gate));
}
