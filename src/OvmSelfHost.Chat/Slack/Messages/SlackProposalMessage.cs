using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Chat.Slack.WebApi;

namespace OvmSelfHost.Chat.Slack.Messages;

/// <summary>
/// A gate's proposal as Block Kit: what will happen, the target, the risk, what to check; Approve
/// (primary) and Reject (danger) while open, with a confirmation on dangerous steps; once decided,
/// the buttons are replaced by who decided what and when.
/// </summary>
public static class SlackProposalMessage
{
    public const string ApproveAction = "gate.approve";
    public const string RejectAction = "gate.reject";

    public static SlackMessage Render(GateProposal proposal, string channel, string threadTs, string? ts = null)
    {
        var blocks = new JsonArray
        {
            BlockKit.Section($"{Headline(proposal)} · *{SlackText.Escape(proposal.Title)}*\nMigration `{SlackText.Escape(proposal.Migration)}`"),
        };
        if (proposal.WhatHappens is not null)
        {
            blocks.Add(BlockKit.Section($"*What will happen*\n{SlackText.Escape(proposal.WhatHappens)}"));
        }

        blocks.Add(BlockKit.Fields(Fields(proposal)));
        if (proposal.Snapshot is { Facts.Count: > 0 } snapshot)
        {
            blocks.Add(BlockKit.Section(SnapshotFacts(snapshot)));
        }
        if (proposal.Decisions.Count > 0 || !proposal.IsOpen)
        {
            blocks.Add(BlockKit.Section(Decisions(proposal)));
        }

        if (proposal.IsOpen)
        {
            blocks.Add(Buttons(proposal));
        }

        var text = $"{PlainHeadline(proposal)}: {proposal.Title} ({proposal.Migration})";
        return new SlackMessage(channel, text, blocks, ThreadTs: threadTs, Ts: ts);
    }

    private static string[] Fields(GateProposal p)
    {
        var fields = new List<string>
        {
            $"*Target*\n{SlackText.Escape(p.Target)}",
            $"*Risk*\n{p.Risk}{(p.WhyRisky is null ? "" : ": " + SlackText.Escape(p.WhyRisky))}",
            $"*Needs*\n{p.RequiredApprovals} approval(s){(p.RequesterMayVote ? "" : ", not the requester")}",
        };
        if (p.Check is not null)
        {
            fields.Add($"*Check before approving*\n{SlackText.Escape(p.Check)}");
        }

        return [.. fields];
    }

    /// <summary>The facts the approver is asked to check, headed by the hash a vote approves.</summary>
    private static string SnapshotFacts(Runbook.Gates.GateSnapshot snapshot) =>
        $"*What you approve* (snapshot `{snapshot.ShortHash}`, read {snapshot.TakenAt.UtcDateTime:yyyy-MM-dd HH:mm}Z)\n"
        + string.Join("\n", snapshot.Facts.Select(f => $"• {SlackText.Escape(f.Name)}: {SlackText.Escape(f.Value)}"));

    private static string Headline(GateProposal p) => $"{Emoji(p)} *{PlainHeadline(p)}*";

    private static string Emoji(GateProposal p) => p.Status switch
    {
        GateStatus.Open => ":raised_hand:",
        GateStatus.Approved => ":white_check_mark:",
        GateStatus.Rejected => ":no_entry_sign:",
        _ => ":lock:",
    };

    // The notification text (push, lock screen) has no mrkdwn: no emoji code and no bold markers.
    private static string PlainHeadline(GateProposal p) => p.Status switch
    {
        GateStatus.Open => "Approval needed",
        GateStatus.Approved => "Approved",
        GateStatus.Rejected => "Rejected",
        _ => "Closed",
    };

    private static string Decisions(GateProposal p)
    {
        var lines = p.Decisions.Select(d =>
            $"{(d.Decision == VoteDecision.Approve ? ":white_check_mark:" : ":no_entry_sign:")} {SlackText.Escape(d.User)} {(d.Decision == VoteDecision.Approve ? "approved" : "rejected")} {SlackText.Date(d.At)} via {SlackText.Escape(d.Channel)}{(d.Reason is null ? "" : ": " + SlackText.Escape(d.Reason))}").ToList();
        if (p.Status == GateStatus.Closed)
        {
            lines.Add(":lock: Closed without a decision: the migration moved on (aborted, failed or retried). These buttons no longer apply.");
        }

        return string.Join('\n', lines);
    }

    private static JsonObject Buttons(GateProposal p)
    {
        var value = p.Key.ToString();
        var confirm = p.IsDangerous
            ? BlockKit.Confirm($"Approve: {p.Title}?", $"{p.WhyRisky}{(p.Check is null ? "" : " Check: " + p.Check)}", "Approve", "Cancel")
            : null;
        return BlockKit.Actions($"gate-{value}",
            BlockKit.Button(ApproveAction, "Approve", value, "primary", confirm),
            BlockKit.Button(RejectAction, "Reject", value, "danger"));
    }
}
