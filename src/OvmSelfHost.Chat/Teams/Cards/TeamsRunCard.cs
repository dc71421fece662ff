using System.Globalization;
using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Chat.Teams.Cards;

/// <summary>
/// The one Adaptive Card of a migration, updated in place: the pair, the state, a line per phase,
/// the open gate (what will happen, target, risk, what to check, votes so far) with Approve / Reject
/// for approvers only, and every earlier gate with who decided what (no live buttons there). While a
/// gate is open, <c>refresh.userIds</c> names the approvers, so their Teams fetches their own view.
/// </summary>
public static class TeamsRunCard
{
    public static JsonObject Render(MigrationRun run, RunbookSettings settings, IEnumerable<ProposalKey> earlierGates, IReadOnlyList<string> approverIds, TeamsCardViewer viewer)
    {
        var body = new JsonArray();
        if (viewer.Notice is not null)
        {
            body.Add(AdaptiveCard.Container("attention", AdaptiveCard.Text(viewer.Notice, weight: "Bolder")));
        }

        body.Add(AdaptiveCard.Text($"Oracle VM Manager migration {RunText.ShortId(run.Id)} · {run.EnvironmentA} ⇄ {run.EnvironmentB}", weight: "Bolder", size: "Medium"));
        body.Add(AdaptiveCard.Text($"**{run.State}**{Where(run)} · requested by {run.RequestedBy}", color: StateColor(run.State)));
        body.Add(AdaptiveCard.Facts(Enumerable.Range(1, Procedure.PhaseCount).Select(p => ($"Phase {p}", PhaseLine(run, p))).ToArray()));
        body.Add(AdaptiveCard.Text(run.StatusMessage ?? run.State.ToString(), subtle: true));

        var open = GateProposals.OpenKey(run);
        if (open is not null)
        {
            body.Add(OpenGate(GateProposals.Describe(run, open, settings), viewer));
        }

        foreach (var key in earlierGates.Where(k => k != open).Distinct().OrderBy(k => k.Phase).ThenBy(k => FirstVote(run, k)))
        {
            body.Add(Decided(GateProposals.Describe(run, key, settings)));
        }

        var refresh = open is null || run.IsTerminal
            ? null
            : AdaptiveCard.Refresh(TeamsCardVerbs.Refresh, new JsonObject { [TeamsCardVerbs.MigrationField] = run.Id.ToString("N") }, approverIds);
        return AdaptiveCard.Card(body, refresh);
    }

    /// <summary>The gate openings the votes of a run mention (the card also remembers those closed without votes).</summary>
    public static IEnumerable<ProposalKey> VotedGates(MigrationRun run) =>
        run.Votes.Select(v => ProposalKey.Of(run.Id, GateOpening.Of(v))).Distinct();

    private static JsonObject OpenGate(GateProposal p, TeamsCardViewer viewer)
    {
        var items = new List<JsonObject>
        {
            AdaptiveCard.Text($"✋ Approval needed: {p.Title}", weight: "Bolder", color: "Warning"),
        };
        if (p.WhatHappens is not null)
        {
            items.Add(AdaptiveCard.Text($"**What will happen:** {p.WhatHappens}"));
        }

        var facts = new List<(string, string)>
        {
            ("Target", p.Target),
            ("Risk", $"{p.Risk}{(p.WhyRisky is null ? "" : ": " + p.WhyRisky)}"),
            ("Needs", $"{p.RequiredApprovals} approval(s){(p.RequesterMayVote ? "" : ", not the requester")}"),
        };
        if (p.Check is not null)
        {
            facts.Add(("Check first", p.Check));
        }

        items.Add(AdaptiveCard.Facts([.. facts]));
        if (p.Snapshot is { Facts.Count: > 0 } snapshot)
        {
            // What the approver is asked to check, headed by the hash a vote approves.
            items.Add(AdaptiveCard.Text($"**What you approve** (snapshot {snapshot.ShortHash}, read {snapshot.TakenAt.UtcDateTime:yyyy-MM-dd HH:mm}Z)"));
            items.Add(AdaptiveCard.Facts([.. snapshot.Facts.Select(f => (f.Name, f.Value))]));
        }
        items.Add(AdaptiveCard.Text(p.Decisions.Count == 0 ? "No votes yet." : string.Join("\n\n", p.Decisions.Select(Line))));
        if (viewer.MayVote && viewer.Confirming && p.IsDangerous)
        {
            // Adaptive Cards have no confirm dialog: the second step is a card of its own, for this approver only.
            items.Add(AdaptiveCard.Container("attention",
                AdaptiveCard.Text($"Really approve **{p.Title}**? {p.WhyRisky}", weight: "Bolder"),
                AdaptiveCard.Actions(
                    AdaptiveCard.Execute("Yes, approve", TeamsCardVerbs.Approve, Data(p), "positive"),
                    AdaptiveCard.Execute("Cancel", TeamsCardVerbs.Refresh, new JsonObject { [TeamsCardVerbs.MigrationField] = p.Key.MigrationId.ToString("N") }))));
        }
        else if (viewer.MayVote)
        {
            items.Add(AdaptiveCard.Actions(
                AdaptiveCard.Execute(p.IsDangerous ? $"Approve ({p.Risk})…" : "Approve", p.IsDangerous ? TeamsCardVerbs.ConfirmApprove : TeamsCardVerbs.Approve, Data(p), "positive"),
                AdaptiveCard.Execute("Reject", TeamsCardVerbs.Reject, Data(p), "destructive")));
        }
        else
        {
            items.Add(AdaptiveCard.Text("Approvers see Approve and Reject here; everyone else sees the status.", subtle: true));
        }

        return AdaptiveCard.Container("emphasis", [.. items]);
    }

    private static JsonObject Data(GateProposal p) => new() { [TeamsCardVerbs.ProposalField] = p.Key.ToString() };

    private static JsonObject Decided(GateProposal p)
    {
        var headline = p.Status switch
        {
            GateStatus.Approved => $"✅ Approved: {p.Title} (phase {p.Key.Phase})",
            GateStatus.Rejected => $"⛔ Rejected: {p.Title} (phase {p.Key.Phase})",
            _ => $"🔒 Closed: {p.Title} (phase {p.Key.Phase})",
        };
        var lines = p.Decisions.Select(Line).ToList();
        if (p.Status == GateStatus.Closed)
        {
            lines.Add("Closed without a decision (expired, aborted, failed or retried); its buttons no longer apply.");
        }

        return AdaptiveCard.Container(null, AdaptiveCard.Text(headline, weight: "Bolder"), AdaptiveCard.Text(string.Join("\n\n", lines), subtle: true));
    }

    private static string Line(GateDecision d) =>
        $"{(d.Decision == VoteDecision.Approve ? "✅" : "⛔")} {d.User} {(d.Decision == VoteDecision.Approve ? "approved" : "rejected")} " +
        $"{d.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC via {d.Channel}{(d.Reason is null ? "" : ": " + d.Reason)}";

    private static DateTimeOffset FirstVote(MigrationRun run, ProposalKey key) =>
        key.Opening.VotesIn(run).Select(v => v.At).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    private static string PhaseLine(MigrationRun run, int phase)
    {
        var plan = Procedure.Phase(phase, run.EnvironmentA, run.EnvironmentB);
        var steps = run.Steps.Where(s => s.Phase == phase).ToList();
        var done = steps.Count(s => s.Status is StepStatus.Succeeded or StepStatus.Skipped);
        return $"{plan.Target} → VM in {plan.Hosting}: {string.Concat(steps.Select(s => Symbol(s.Status)))} {done}/{steps.Count}";
    }

    private static string Where(MigrationRun run) => run.IsTerminal ? "" : $" · phase {run.Phase}: {Procedure.Step(run.Step).Title}";

    private static string? StateColor(RunState state) => state switch
    {
        RunState.Completed => "Good",
        RunState.Failed or RunState.Rejected or RunState.Aborted or RunState.RolledBack => "Attention",
        var waiting when GateOpening.WaitsForVotes(waiting) => "Warning",
        _ => null,
    };

    private static string Symbol(StepStatus status) => status switch
    {
        StepStatus.Succeeded => "✅",
        StepStatus.Skipped => "➖",
        StepStatus.Running => "🔄",
        StepStatus.AwaitingApproval or StepStatus.AwaitingAcknowledgement => "✋",
        StepStatus.Failed => "❌",
        StepStatus.Rejected => "⛔",
        _ => "⬜",
    };
}
