using OvmSelfHost.Chat.Teams.Endpoints;

namespace OvmSelfHost.Chat.Tests.Teams;

public sealed class TeamsMentionTextTests
{
    [Theory]
    [InlineData("<at>OvmSelfHost</at> status", "status")]
    [InlineData("<at>Ovm Self Host</at>&nbsp;approve 1a2b3c4d", "approve 1a2b3c4d")]
    [InlineData("<p><at>OvmSelfHost</at> start A B now</p>", "start A B now")]
    [InlineData("help", "help")]
    [InlineData(null, "")]
    public void Mentions_AreStrippedBeforeParsing(string? text, string command) =>
        Assert.Equal(command, TeamsMentionText.Command(text));
}
