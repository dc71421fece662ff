using OvmSelfHost.Chat.Proposals;

namespace OvmSelfHost.Chat.Tests.Proposals;

public sealed class ProposalKeyTests
{
    [Fact]
    public void Key_RoundTripsThroughItsButtonValue()
    {
        var key = new ProposalKey(Guid.NewGuid(), 2, "StopOldManager", 3);

        Assert.True(ProposalKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x.1.Gate.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1.Gate")]
    [InlineData("0123456789abcdef0123456789abcdef.-1.Gate.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1.Ga te.1")]
    [InlineData("0123456789abcdef0123456789abcdef.1..1")]
    [InlineData(" 0123456789abcdef0123456789abcdef.1.Gate.1")]
    [InlineData("\t0123456789abcdef0123456789abcdef.1.Gate.1")]
    public void Garbage_TryParse_Fails(string? text) => Assert.False(ProposalKey.TryParse(text, out _));
}
