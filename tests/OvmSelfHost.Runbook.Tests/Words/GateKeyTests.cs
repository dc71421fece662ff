using System.Text.Json;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Tests.Words;

public sealed class GateKeyTests
{
    [Theory]
    [InlineData("stopoldmanager", "StopOldManager")]
    [InlineData("Rollback", "Rollback")]
    [InlineData("ACCEPTFAILEDDRILL", "AcceptFailedDrill")]
    public void KnownName_AnyCase_ParsesToTheCanonicalGate(string text, string canonical)
    {
        Assert.True(GateKey.TryParse(text, out var gate));
        Assert.Equal(canonical, gate.Name);
    }

    [Theory]
    [InlineData("Preflight, StopOldManager")] // the framework's enum parser would combine these as flags
    [InlineData("7")]                         // and take a number as a step
    [InlineData(" StopOldManager")]
    [InlineData("Teleport")]
    [InlineData("")]
    [InlineData(null)]
    public void NotAGateName_TryParse_IsRefused(string? text) =>
        Assert.False(GateKey.TryParse(text, out _));

    [Fact]
    public void UnknownName_Parse_ThrowsNamingTheKnownGates()
    {
        var error = Assert.Throws<FormatException>(() => GateKey.Parse("Teleport"));

        Assert.Contains("Unknown gate 'Teleport'", error.Message);
        Assert.Contains("Preflight", error.Message);
    }

    [Fact]
    public void StepGate_Of_IsTheStepAndEqualsItsParsedName()
    {
        var gate = GateKey.Of(StepKind.StopOldManager);

        Assert.True(gate.IsStep(out var step));
        Assert.Equal(StepKind.StopOldManager, step);
        Assert.Equal(GateKey.Parse("StopOldManager"), gate);
        Assert.False(GateKey.Rollback.IsStep(out _));
        Assert.True(GateKey.AcceptDifferences.IsAcceptance);
        Assert.False(GateKey.Rollback.IsAcceptance);
    }

    [Fact]
    public void Gates_SerializedAsJson_AreThePlainNamesAsBefore()
    {
        var vote = new Vote(1, GateKey.Of(StepKind.StopOldManager), 2, "bob", "slack", VoteDecision.Approve, null, DateTimeOffset.UnixEpoch);
        var byGate = new Dictionary<GateKey, int> { [GateKey.Rollback] = 1 };
        GateKey? none = null;

        var json = JsonSerializer.Serialize(vote);

        Assert.Contains("\"Gate\":\"StopOldManager\"", json);
        Assert.Equal(vote, JsonSerializer.Deserialize<Vote>(json));
        Assert.Equal("{\"Rollback\":1}", JsonSerializer.Serialize(byGate));
        Assert.Equal(byGate, JsonSerializer.Deserialize<Dictionary<GateKey, int>>("{\"rollback\":1}"));
        Assert.Equal("null", JsonSerializer.Serialize(none));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GateKey>("\"Teleport\""));
    }

    [Fact]
    public void VotesOfOtherOpenings_Includes_TakesOnlyTheSamePhaseGateAndRound()
    {
        var opening = new GateOpening(1, GateKey.Rollback, 3);
        Vote Cast(int phase, GateKey gate, int round) => new(phase, gate, round, "bob", "web", VoteDecision.Approve, null, DateTimeOffset.UnixEpoch);

        Assert.True(opening.Includes(Cast(1, GateKey.Rollback, 3)));
        Assert.False(opening.Includes(Cast(2, GateKey.Rollback, 3)));
        Assert.False(opening.Includes(Cast(1, GateKey.AcceptDifferences, 3)));
        Assert.False(opening.Includes(Cast(1, GateKey.Rollback, 2)));
    }
}
