using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Chat.Tests.Commands;

public sealed class TypedDecisionTests
{
    private static readonly MigrationRun Run = MigrationRun.Create(Guid.Parse("3f2a9c1e-0000-4000-8000-000000000001"), "A", "B", "alice", "test", DateTimeOffset.UnixEpoch);
    private static readonly GateOpening Stop = new(1, GateKey.Of(StepKind.StopOldManager), 4);

    private static (GateOpening? Opening, CommandReply? Refusal) Bind(string text, GateOpening? waiting) =>
        TypedDecision.Bind(Run, CommandParser.Parse(text).Command!, waiting);

    [Theory]
    [InlineData("/ovm approve 3f2a9c1e StopOldManager")]
    [InlineData("/ovm approve 3f2a9c1e stopoldmanager")]
    [InlineData("/ovm reject 3f2a9c1e STOPOLDMANAGER the window is too short")]
    public void NamedGate_ThatWaits_IsBoundToItsOpening(string text)
    {
        Assert.Equal((Stop, (CommandReply?)null), Bind(text, Stop));
    }

    [Theory]
    [InlineData("/ovm approve 3f2a9c1e", OutcomeKind.Invalid, "Type /ovm approve 3f2a9c1e StopOldManager.")]
    [InlineData("/ovm reject 3f2a9c1e", OutcomeKind.Invalid, "Type /ovm reject 3f2a9c1e StopOldManager <reason>.")]
    [InlineData("/ovm approve 3f2a9c1e yes", OutcomeKind.Invalid, "'yes' is not a gate")]
    [InlineData("/ovm approve 3f2a9c1e StopOldManager,Rollback", OutcomeKind.Invalid, "is not a gate")]
    [InlineData("/ovm approve 3f2a9c1e 3", OutcomeKind.Invalid, "'3' is not a gate")]
    [InlineData("/ovm approve 3f2a9c1e Stop", OutcomeKind.Invalid, "'Stop' is not a gate")]
    [InlineData("/ovm approve 3f2a9c1e InstallManager", OutcomeKind.Conflict, "InstallManager is not waiting: 3f2a9c1e waits on StopOldManager of phase 1. To decide that, type /ovm approve 3f2a9c1e StopOldManager.")]
    public void MissingOrOtherGate_IsRefusedWithWhatWaitsAndTheExactCommand(string text, OutcomeKind kind, string expected)
    {
        var (opening, refusal) = Bind(text, Stop);

        Assert.Null(opening);
        Assert.Equal(kind, refusal!.Kind);
        Assert.Contains(expected, refusal.Text);
        Assert.Contains("Nothing was recorded", refusal.Text);
    }

    [Fact]
    public void NothingWaiting_IsAConflictThatSaysSo()
    {
        var (opening, refusal) = Bind("/ovm approve 3f2a9c1e StopOldManager", null);

        Assert.Null(opening);
        Assert.Equal(OutcomeKind.Conflict, refusal!.Kind);
        Assert.Contains("Nothing of 3f2a9c1e waits for a decision", refusal.Text);
    }

    [Fact]
    public void TheReason_IsWhatFollowsTheGate()
    {
        Assert.Equal("the window is too short", CommandParser.Parse("/ovm reject 3f2a StopOldManager the window is too short").Command!.RestAfter(TypedDecision.WordsBeforeReason));
    }

    [Theory]
    [InlineData("rollback", "Rollback")]
    [InlineData("AcceptDifferences", "AcceptDifferences")]
    public void GateNames_AreMatchedExactlyButForCase(string word, string gate)
    {
        Assert.True(Vocabularies.Gates.TryParse(word, out var parsed));
        Assert.Equal(gate, parsed.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" Rollback")]
    [InlineData("Rollback ")]
    [InlineData("Rollback,Preflight")]
    [InlineData("0")]
    public void GateNames_RefuseEverythingElse(string? word)
    {
        Assert.False(Vocabularies.Gates.TryParse(word, out _));
    }
}
