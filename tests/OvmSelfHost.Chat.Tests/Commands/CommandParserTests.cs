using OvmSelfHost.Chat.Commands;

namespace OvmSelfHost.Chat.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("/ovm start A B now", "start", new[] { "A", "B", "now" })]
    [InlineData("ovm approve 3f2a9c1e", "approve", new[] { "3f2a9c1e" })]
    [InlineData("status", "status", new string[0])]
    [InlineData("  /ovm   REJECT  3f2a  too   late ", "reject", new[] { "3f2a", "too", "late" })]
    public void Commands_parse_with_or_without_the_ovm_prefix(string text, string verb, string[] arguments)
    {
        var (command, error) = CommandParser.Parse(text);

        Assert.Null(error);
        Assert.Equal(verb, command!.Verb);
        Assert.Equal(arguments, command.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/ovm")]
    [InlineData(null)]
    public void An_empty_command_is_help(string? text)
    {
        Assert.Equal("help", CommandParser.Parse(text).Command!.Verb);
    }

    [Fact]
    public void An_unknown_word_is_refused_with_the_list_of_commands()
    {
        var (command, error) = CommandParser.Parse("/ovm deploy A");

        Assert.Null(command);
        Assert.Contains("Unknown command 'deploy'", error);
        Assert.Contains("approve", error);
    }

    [Fact]
    public void The_reason_of_a_rejection_is_the_rest_of_the_line()
    {
        var command = CommandParser.Parse("/ovm reject 3f2a CreateManagerVm the window is too short").Command!;

        Assert.Equal("the window is too short", command.RestAfter(2));
    }
}
