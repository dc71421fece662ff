using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Chat.Replies;

/// <summary>
/// The wording and structure of the replies that are more than a sentence (help, status, plan, why),
/// in one place; Slack, Teams and the console only render the <see cref="ReplyDocument"/>. People read
/// states and steps by their person-facing names; the internal names appear only where they are the
/// word to type (a gate in <c>/ovm approve</c>).
/// </summary>
public static class ChatReplies
{
    public static ReplyDocument Help() => new(
        new ReplyParagraph("OvmSelfHost moves each environment's Oracle VM Manager into an HA VM hosted by the other environment. Commands (in Teams, after @mentioning the bot; in chat messages the leading slash is optional):", Heading: false),
        new ReplyList(
        [
            new("/ovm help", "this list"),
            new("/ovm envs", "the configured environments"),
            new("/ovm plan <A> <B>", "the steps of both phases, with their risk and who approves them"),
            new("/ovm check <A> <B>", "the pair's readiness checks, now (read-only)"),
            new("/ovm start <A> <B> [now | window <name>]", "request a migration of the pair"),
            new("/ovm status [<id>]", "all migrations, or one in detail"),
            new("/ovm approve <id> <gate>", "approve the gate that waits, named as /ovm why shows it, e.g. /ovm approve 3f2a9c1e StopOldManager"),
            new("/ovm reject <id> <gate> <reason>", "reject it (a reason is required)"),
            new("/ovm pause|resume|retry|abort|rollback <id>", "act on a migration"),
            new("/ovm windows", "maintenance windows and their next openings"),
            new("/ovm why <id>", "what a migration waits for, who can decide and what to type"),
            new("/ovm audit <id> [verify]", "the journal of a migration; verify checks its hash chain"),
        ]),
        new ReplyParagraph("Ids may be shortened to their first 8 characters. A decision counts only for the gate opening that waited when it was sent: a late or repeated one records nothing."));

    public static ReplyDocument Status(IReadOnlyList<MigrationRun> runs, TimeProvider time)
    {
        if (runs.Count == 0)
        {
            return new(new ReplyParagraph("No migrations yet. Start one with /ovm start <A> <B>."));
        }

        var now = time.GetUtcNow();
        var rows = runs.OrderByDescending(r => r.CreatedAt).Select(r => (IReadOnlyList<string>)
        [
            RunText.ShortId(r.Id),
            $"{r.EnvironmentA} ↔ {r.EnvironmentB}",
            PersonFacingNames.Of(r.State),
            r.IsTerminal ? $"phase {r.Phase} of {Procedure.PhaseCount}"
                : $"phase {r.Phase} of {Procedure.PhaseCount}: {PersonFacingNames.Of(r.Step)} ({(r.Executor is { } replica ? $"replica {replica}" : "no replica executes it right now")})",
            $"{r.RequestedBy}, {ChatTime.Format(r.CreatedAt)}" + (r.IsTerminal ? "" : $" ({ChatTime.Duration(now - r.CreatedAt)} ago)"),
        ]).ToList();
        return new(
            new ReplyParagraph($"{runs.Count} migration{(runs.Count == 1 ? "" : "s")}", Heading: true),
            new ReplyTable(["Migration", "Environments", "State", "Where", "Requested"], rows),
            new ReplyParagraph("Details of one: /ovm status <id>; what it waits for: /ovm why <id>."));
    }

    public static ReplyDocument Plan(string a, string b, RunbookSettings settings)
    {
        var blocks = new List<ReplyBlock>();
        for (var phase = 1; phase <= Procedure.PhaseCount; phase++)
        {
            var plan = Procedure.Phase(phase, a, b);
            blocks.Add(new ReplyParagraph(PhaseHeading(plan), Heading: true));
            blocks.Add(new ReplyList(Procedure.Steps.Select(step => new ReplyItem(null,
                $"{(int)step.Kind + 1}. {step.Title} — risk {Risk(step.Risk)}, {Gate(settings.Gates.For(step.Kind))}, about {ChatTime.Duration(step.ExpectedDuration)}: {Procedure.Render(step.WhatHappens, plan)}")).ToList()));
        }

        blocks.Add(new ReplyParagraph("The state picture of each migration is drawn in the web console."));
        return new(blocks);
    }

    /// <param name="deciders">The people whose approval would count now (the runbook's vote rules decided); empty when none would.</param>
    public static ReplyDocument Why(MigrationRun run, string reason, IReadOnlyList<string> deciders, IReadOnlyList<string> details)
    {
        var id = RunText.ShortId(run.Id);
        var blocks = new List<ReplyBlock>
        {
            new ReplyParagraph($"Migration {id} ({run.EnvironmentA} ↔ {run.EnvironmentB}) is {PersonFacingNames.Of(run.State)}", Heading: true),
            new ReplyParagraph(reason),
        };
        if (GateOpening.WaitingIn(run)?.Gate is { } gate)
        {
            var step = PersonFacingNames.OfGate(gate);
            blocks.Add(new ReplyParagraph(deciders.Count == 0
                ? $"Nobody configured can approve \"{step}\" now: ask an administrator to add an approver under Users."
                : $"Who can decide \"{step}\": {string.Join(" or ", deciders)}."));
            blocks.Add(new ReplyList(
            [
                new($"/ovm approve {id} {gate}", "to approve"),
                new($"/ovm reject {id} {gate} <reason>", "to reject, with a reason"),
            ]));
        }

        if (details.Count > 0)
        {
            blocks.Add(new ReplyList(details.Select(d => new ReplyItem(null, d)).ToList()));
        }

        return new(blocks);
    }

    /// <summary>"Phase 1: A's manager moves into a VM hosted by B" (the plan says "phase 1: …"; capitalised once, never doubled).</summary>
    public static string PhaseHeading(PhasePlan plan)
    {
        var described = plan.Describe();
        return char.ToUpperInvariant(described[0]) + described[1..];
    }

    public static string Gate(ApprovalPolicy policy) => policy switch
    {
        ApprovalPolicy.None => "no approval",
        ApprovalPolicy.OneApprover => "1 approver",
        ApprovalPolicy.TwoApprovers => "2 approvers",
        _ => policy.ToString(),
    };

    private static string Risk(StepRisk risk) => risk switch
    {
        StepRisk.None => "none",
        StepRisk.Low => "low",
        StepRisk.Medium => "medium",
        StepRisk.Dangerous => "dangerous",
        _ => risk.ToString(),
    };
}
