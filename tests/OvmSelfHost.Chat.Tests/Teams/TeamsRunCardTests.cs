using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Teams.Cards;
using OvmSelfHost.Chat.Tests.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Tests.Teams;

public sealed class TeamsRunCardTests
{
    private static readonly string[] Approvers = ["29:bob", "8:orgid:b0b"];

    private static IEnumerable<JsonObject> Executes(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" && o["title"] is not null => [o],
        JsonObject o => o.SelectMany(p => Executes(p.Value)),
        JsonArray a => a.SelectMany(Executes),
        _ => [],
    };

    [Fact]
    public void OpenGate_ForEveryone_HasNoButtonsAndAsksApproversToRefresh()
    {
        var run = ProposalRendering.WaitingAt(StepKind.StopOldManager);

        var card = TeamsRunCard.Render(run, ProposalRendering.Settings, [], Approvers, TeamsCardViewer.Everyone);

        Assert.Empty(Executes(card));
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal(Approvers, card["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(TeamsCardVerbs.Refresh, card["refresh"]!["action"]!["verb"]!.GetValue<string>());
        var text = card.ToJsonString();
        Assert.Contains("Approval needed", text);
        Assert.Contains("What will happen", text);
        Assert.Contains("Dangerous", text);
        Assert.Contains("not the requester", text);
    }

    [Fact]
    public void OpenGate_ForAnApprover_HasApproveAndRejectForThatOpening()
    {
        var run = ProposalRendering.WaitingAt(StepKind.CreateManagerVm, round: 2);

        var card = TeamsRunCard.Render(run, ProposalRendering.Settings, [], Approvers, new TeamsCardViewer(true, "note for you"));

        var buttons = Executes(card).ToList();
        Assert.Equal([TeamsCardVerbs.Approve, TeamsCardVerbs.Reject], buttons.Select(b => b["verb"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(GateProposals.OpenKey(run)!.ToString(), b["data"]![TeamsCardVerbs.ProposalField]!.GetValue<string>()));
        Assert.Contains("note for you", card["body"]![0]!.ToJsonString());
    }

    [Fact]
    public void DecidedGate_ShowsWhoDecidedWhat_WithoutButtonsOrRefresh()
    {
        var run = ProposalRendering.WaitingAt(StepKind.CreateManagerVm);
        ProposalRendering.Vote(run, "bob", VoteDecision.Approve);
        var key = GateProposals.OpenKey(run)!;
        run.State = RunState.Completed;
        run.PendingGate = null;

        var card = TeamsRunCard.Render(run, ProposalRendering.Settings, [key], Approvers, new TeamsCardViewer(true));

        Assert.Empty(Executes(card));
        Assert.Null(card["refresh"]);
        var text = card.ToJsonString();
        Assert.Contains("Approved: Create", text);
        Assert.Contains("bob approved 2023-11-14 22:13 UTC via slack", text);
    }

    [Fact]
    public void GateClosedWithoutVotes_IsShownClosed()
    {
        var run = ProposalRendering.WaitingAt(StepKind.InstallManager);
        var key = GateProposals.OpenKey(run)!;
        run.State = RunState.Aborted;
        run.PendingGate = null;

        var text = TeamsRunCard.Render(run, ProposalRendering.Settings, [key], Approvers, TeamsCardViewer.Everyone).ToJsonString();

        Assert.Contains("Closed: ", text);
        Assert.Contains("no longer apply", text);
    }

    [Fact]
    public void GateWithSnapshot_Render_ShowsTheFactsTheHashAndTheUuidToInstall()
    {
        var run = ProposalRendering.WaitingWithSnapshotAt(StepKind.InstallManager);

        var card = TeamsRunCard.Render(run, ProposalRendering.Settings, [], Approvers, TeamsCardViewer.Everyone);

        var text = card.ToJsonString();
        Assert.Contains($"**What you approve** (snapshot {run.Facts[1].Snapshots[0].ShortHash}", text);
        var factSets = Nodes(card).Where(n => n["type"]?.GetValue<string>() == "FactSet").SelectMany(f => f["facts"]!.AsArray())
            .Select(f => (f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>())).ToList();
        Assert.Contains(("new VM for B's manager", "ovmm-b-vm (vm-9), 8192 MB, pool pool-a, HA on, repository repo-a"), factSets);
        Assert.Contains(("UUID the new manager takes", ProposalRendering.Uuid), factSets);
        Assert.Contains($"--uuid={ProposalRendering.Uuid}", text);
        Assert.DoesNotContain("UUID of B", text);
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Nodes(p.Value))],
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };
}
