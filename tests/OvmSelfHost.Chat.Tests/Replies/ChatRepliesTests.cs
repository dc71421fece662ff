using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Replies;
using OvmSelfHost.Chat.Slack.Messages;
using OvmSelfHost.Chat.Teams.Endpoints;
using OvmSelfHost.Chat.Tests.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Tests.Replies;

public sealed class ChatRepliesTests
{
    private static readonly string[] InternalNames = ["AwaitingApproval", "CreateManagerVm", "StopOldManager", "OneApprover", "TwoApprovers", "Dangerous]"];

    [Fact]
    public void Help_Render_IsAListNamingEveryVerbAsCode()
    {
        var help = ChatReplies.Help();

        var list = Assert.Single(help.Blocks.OfType<ReplyList>());
        Assert.All(CommandParser.Verbs, verb => Assert.Contains(list.Items, i => i.Code!.Contains(verb, StringComparison.Ordinal)));
        var slackList = SlackReplyBlocks.Render(help)[1]!["text"]!["text"]!.GetValue<string>();
        Assert.Contains("• `/ovm status [&lt;id&gt;]` all migrations", slackList);
        Assert.Contains("- `/ovm status [<id>]` all migrations", TeamsReplyMarkdown.Render(help));
    }

    [Fact]
    public void Plan_Render_EveryStepWithRiskAndGate_NoMermaidNoDoubledPhaseNoInternalNames()
    {
        var plan = ChatReplies.Plan("A", "B", ProposalRendering.Settings);
        var text = plan.PlainText();

        Assert.All(Procedure.Steps, step => Assert.Contains(step.Title, text));
        Assert.Contains("Phase 1: B's manager moves into a VM hosted by A", text);
        Assert.DoesNotContain("phase 1: phase 1", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("-->", text);
        Assert.DoesNotContain("stateDiagram", text);
        Assert.Contains("risk dangerous, 2 approvers", text);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, text));
        Assert.Equal(2, plan.Blocks.OfType<ReplyList>().Count());
    }

    [Fact]
    public void Status_TwoRuns_IsATableRowPerRunWithPersonFacingStatesAndOneTimeFormat()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddMinutes(10));
        var waiting = ProposalRendering.WaitingAt(StepKind.CreateManagerVm);
        var done = MigrationRun.Create(Guid.NewGuid(), "A", "B", "bob", "teams", DateTimeOffset.UnixEpoch);
        done.State = RunState.Completed;

        var status = ChatReplies.Status([waiting, done], time);

        var table = Assert.Single(status.Blocks.OfType<ReplyTable>());
        Assert.Equal(2, table.Rows.Count);
        var text = status.PlainText();
        Assert.Contains("waiting for approval", text);
        Assert.Contains("· completed ·", text);
        Assert.Contains("alice, 1970-01-01 00:00 UTC (10 min ago)", text);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, text));
        var blocks = SlackReplyBlocks.Render(status);
        Assert.Equal(2, blocks.Count(b => b!["fields"] is not null));
        Assert.Contains("State: waiting for approval", TeamsReplyMarkdown.Render(status));
    }

    [Fact]
    public void Why_WaitingAtAGate_NamesWhoCanDecideAndTheExactCommands()
    {
        var run = ProposalRendering.WaitingAt(StepKind.StopOldManager);
        var id = RunText.ShortId(run.Id);

        var why = ChatReplies.Why(run, "It waits.", ["bob", "carol"], []).PlainText();

        Assert.Contains("is waiting for approval", why);
        Assert.Contains("bob or carol", why);
        Assert.Contains($"/ovm approve {id} StopOldManager", why);
        Assert.Contains($"/ovm reject {id} StopOldManager <reason>", why);
    }

    [Fact]
    public void Why_NobodyMayVote_SaysSoAndWhatToDo()
    {
        var run = ProposalRendering.WaitingAt(StepKind.CreateManagerVm);

        var why = ChatReplies.Why(run, "It waits.", [], []).PlainText();

        Assert.Contains("Nobody configured can approve", why);
        Assert.Contains("add an approver under Users", why);
    }

    [Fact]
    public void Status_ToJson_CarriesTheTableForTheConsoleToRender()
    {
        var status = ChatReplies.Status([ProposalRendering.WaitingAt(StepKind.CreateManagerVm)], new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        var table = status.ToJson().Single(b => b!["kind"]!.GetValue<string>() == "table")!;

        Assert.Equal("State", table["columns"]![2]!.GetValue<string>());
        Assert.Equal("waiting for approval", table["rows"]![0]![2]!.GetValue<string>());
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(600, "10 min")]
    [InlineData(3600, "1 h")]
    [InlineData(5400, "1 h 30 min")]
    public void Duration_Format_IsShortAndUnitNamed(int seconds, string expected) =>
        Assert.Equal(expected, ChatTime.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Instant_Format_IsIsoLikeWithItsZone()
    {
        Assert.Equal("2026-12-05 22:07 UTC", ChatTime.Format(new DateTimeOffset(2026, 12, 5, 22, 7, 30, TimeSpan.Zero)));
        Assert.Equal("2026-12-05 23:07 UTC+01:00", ChatTime.Format(new DateTimeOffset(2026, 12, 5, 23, 7, 0, TimeSpan.FromHours(1))));
    }
}
