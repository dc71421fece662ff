using OvmSelfHost.Chat.Slack;

namespace OvmSelfHost.Chat.Tests.Slack;

public sealed class SlackOptionsValidatorTests
{
    [Theory]
    [InlineData("#ovm-migrations")]
    [InlineData("ovm-migrations")]
    [InlineData("c0ovm0001")]
    public void ChannelGivenByName_Validated_RefusedWithWhereToFindTheId(string channel)
    {
        var result = new SlackOptionsValidator().Validate(null, On(channel));

        Assert.True(result.Failed);
        Assert.Contains($"Slack:Channel '{channel}' is not a channel id", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C0OVM0001")]
    [InlineData("G01ABCDEF")]
    public void ChannelGivenById_Validated_Accepted(string channel) =>
        Assert.True(new SlackOptionsValidator().Validate(null, On(channel)).Succeeded);

    private static SlackOptions On(string channel) => new() { SigningSecret = "s", BotToken = "xoxb-t", Channel = channel };
}
