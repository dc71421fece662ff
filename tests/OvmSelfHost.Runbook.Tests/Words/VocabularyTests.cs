using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Tests.Words;

/// <summary>Why 1 of issue 11: Enum.TryParse took comma lists as flags, numbers as values, and trimmed blanks.</summary>
public sealed class VocabularyTests
{
    [Theory]
    [InlineData("approve", VoteDecision.Approve)]
    [InlineData("APPROVE", VoteDecision.Approve)]
    [InlineData("Reject", VoteDecision.Reject)]
    public void ExactWord_AnyCase_IsTaken(string text, VoteDecision expected)
    {
        Assert.True(Vocabularies.Decisions.TryParse(text, out var decision));
        Assert.Equal(expected, decision);
    }

    [Theory]
    [InlineData("Approve, Reject")]
    [InlineData(" approve ")]
    [InlineData("approve\n")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("appro")]
    [InlineData("")]
    [InlineData(null)]
    public void CommaListsNumbersBlanksAndPrefixes_Decision_AreRefused(string? text)
    {
        Assert.False(Vocabularies.Decisions.TryParse(text, out _));
    }

    [Theory]
    [InlineData("Resume, Retry")]
    [InlineData("Resume, Rollback")]
    [InlineData("3")]
    [InlineData(" abort")]
    [InlineData("abort ")]
    [InlineData("Pause|Abort")]
    public void CommaListsAndNumbers_Action_AreRefusedAndNamed(string text)
    {
        Assert.False(Vocabularies.Actions.TryParse(text, out _));
        Assert.Contains("use pause, resume, retry, abort or rollback", Vocabularies.Actions.Refusal(text));
    }

    [Fact]
    public void EveryAction_IsOneWord_AndRoundTrips()
    {
        foreach (var action in Enum.GetValues<OperatorAction>())
        {
            Assert.True(Vocabularies.Actions.TryParse(Vocabularies.Actions.WordFor(action), out var parsed));
            Assert.Equal(action, parsed);
        }
    }

    [Theory]
    [InlineData("stopoldmanager", "StopOldManager")]
    [InlineData("Rollback", "Rollback")]
    [InlineData("acceptdifferences", "AcceptDifferences")]
    public void GateName_AnyCase_IsItsCanonicalSpelling(string text, string expected)
    {
        Assert.True(Vocabularies.Gates.TryParse(text, out var gate));
        Assert.Equal(expected, gate.Name);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("StopOldManager,Rollback")]
    [InlineData(" Rollback")]
    public void NumbersAndListsForGateOrStepNames_AreRefused(string text)
    {
        Assert.False(Vocabularies.Gates.TryParse(text, out _));
        Assert.False(Vocabularies.Steps.TryParse(text, out _));
    }

    [Fact]
    public void Refusal_ShowsTheTextBoundedAndVisible()
    {
        var refusal = Vocabularies.Decisions.Refusal(new string('x', 500) + "\u0007");

        Assert.StartsWith("Unknown decision 'xxxx", refusal);
        Assert.True(refusal.Length < 100, refusal);
        Assert.EndsWith("use approve or reject.", refusal);
    }
}
