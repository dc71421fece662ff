using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Chat.Tests.Proposals;

public sealed class ProposalKeyTests
{
    [Fact]
    public void Key_RoundTripsThroughItsButtonValue()
    {
        var key = new ProposalKey(Guid.NewGuid(), 2, GateKey.Of(StepKind.StopOldManager), 3);

        Assert.True(ProposalKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal(key, parsed);
    }

    [Fact]
    public void TypedGate_ButtonValue_IsThePlainNameAsBefore()
    {
        var key = new ProposalKey(Guid.Parse("0123456789abcdef0123456789abcdef"), 2, GateKey.AcceptFailedDrill, 3);

        Assert.Equal("0123456789abcdef0123456789abcdef.2.AcceptFailedDrill.3", key.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x.1.Gate.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1.Gate")]
    [InlineData("0123456789abcdef0123456789abcdef.-1.Gate.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1.Ga te.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1..1")]
    [InlineData("0123456789abcdef0123456789abcdef.1.Teleport.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1.7.1")]
    [InlineData(" 0123456789abcdef0123456789abcdef.1.Gate.1")]
    [InlineData("\t0123456789abcdef0123456789abcdef.1.Gate.1")]
    public void Garbage_TryParse_Fails(string? text) => Assert.False(ProposalKey.TryParse(text, out _));
}
