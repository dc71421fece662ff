using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Slack.Messages;
using OvmSelfHost.Chat.Tests.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Tests.Slack;

public sealed class SlackProposalMessageTests
{
    private static System.Text.Json.Nodes.JsonObject? Actions(OvmSelfHost.Chat.Slack.WebApi.SlackMessage message) =>
        message.Blocks!.OfType<System.Text.Json.Nodes.JsonObject>().SingleOrDefault(b => b["type"]!.GetValue<string>() == "actions");

    [Fact]
    public void DangerousStep_Open_HasApprovePrimaryWithConfirmAndRejectDanger()
    {
        var run = ProposalRendering.WaitingAt(StepKind.StopOldManager);
        var proposal = GateProposals.Describe(run, GateProposals.OpenKey(run)!, ProposalRendering.Settings);

        var message = SlackProposalMessage.Render(proposal, "C1", "1.1");

        var buttons = Actions(message)!["elements"]!.AsArray();
        Assert.Equal("primary", buttons[0]!["style"]!.GetValue<string>());
        Assert.NotNull(buttons[0]!["confirm"]);
        Assert.Equal("danger", buttons[1]!["style"]!.GetValue<string>());
        Assert.Equal(proposal.Key.ToString(), buttons[0]!["value"]!.GetValue<string>());
        Assert.Equal("1.1", message.ThreadTs);
        Assert.Contains("Approval needed", message.Text);
    }

    [Fact]
    public void OpenGate_Render_NotificationTextHasNoUnbalancedMarkup()
    {
        var run = ProposalRendering.WaitingAt(StepKind.StopOldManager);
        var proposal = GateProposals.Describe(run, GateProposals.OpenKey(run)!, ProposalRendering.Settings);

        var message = SlackProposalMessage.Render(proposal, "C1", "1.1");

        Assert.StartsWith("Approval needed: ", message.Text);
        Assert.DoesNotContain("*", message.Text);
        Assert.DoesNotContain(":raised_hand:", message.Text);
    }

    [Fact]
    public void LowRiskStep_Open_HasNoConfirmation()
    {
        var run = ProposalRendering.WaitingAt(StepKind.CreateManagerVm);
        var proposal = GateProposals.Describe(run, GateProposals.OpenKey(run)!, ProposalRendering.Settings);

        var buttons = Actions(SlackProposalMessage.Render(proposal, "C1", "1.1"))!["elements"]!.AsArray();

        Assert.Null(buttons[0]!["confirm"]);
    }

    [Fact]
    public void DecidedGate_Render_HasNoButtonsAndSaysWhoDecidedWhatAndWhen()
    {
        var run = ProposalRendering.WaitingAt(StepKind.CreateManagerVm);
        var key = GateProposals.OpenKey(run)!;
        ProposalRendering.Vote(run, "carol", VoteDecision.Reject, "window too short");
        run.State = RunState.Rejected;

        var message = SlackProposalMessage.Render(GateProposals.Describe(run, key, ProposalRendering.Settings), "C1", "1.1", "1.2");

        Assert.Null(Actions(message));
        var text = message.Blocks!.ToJsonString();
        Assert.Contains("carol rejected <!date^1700000000^", System.Text.RegularExpressions.Regex.Unescape(text));
        Assert.Contains("window too short", text);
        Assert.Equal("1.2", message.Ts);
    }

    [Fact]
    public void Escape_ControlCharacters_AreEscaped() =>
        Assert.Equal("a &lt;@U1&gt; &amp; b", SlackText.Escape("a <@U1> & b"));

    [Fact]
    public void GateWithSnapshot_Render_ShowsTheFactsTheHashAndTheUuidToInstall()
    {
        var run = ProposalRendering.WaitingWithSnapshotAt(StepKind.InstallManager);
        var proposal = GateProposals.Describe(run, GateProposals.OpenKey(run)!, ProposalRendering.Settings);

        var message = SlackProposalMessage.Render(proposal, "C1", "1.1");

        var text = string.Join("\n", message.Blocks!.Select(b => b!.ToJsonString()));
        var facts = message.Blocks!.OfType<System.Text.Json.Nodes.JsonObject>()
            .Single(b => b["text"]?["text"]?.GetValue<string>().StartsWith("*What you approve*", StringComparison.Ordinal) == true)["text"]!["text"]!.GetValue<string>();
        Assert.Contains($"snapshot `{run.Facts[1].Snapshots[0].ShortHash}`", facts);
        Assert.Contains("• new VM for B's manager: ovmm-b-vm (vm-9), 8192 MB, pool pool-a, HA on, repository repo-a", facts);
        Assert.Contains($"--uuid={ProposalRendering.Uuid}", text);
        Assert.DoesNotContain("UUID of B", text);
    }
}
