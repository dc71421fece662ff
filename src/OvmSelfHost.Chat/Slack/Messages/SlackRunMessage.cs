using System.Text;
using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Chat.Slack.WebApi;

namespace OvmSelfHost.Chat.Slack.Messages;

/// <summary>The one channel message of a migration, edited in place: a header, a compact line per phase, the status.</summary>
public static class SlackRunMessage
{
    public static SlackMessage Render(MigrationRun run, RunbookSettings settings, string channel, string? ts = null)
    {
        var blocks = new JsonArray
        {
            BlockKit.Section($"*Oracle VM Manager migration `{RunText.ShortId(run.Id)}`* · {run.EnvironmentA} ⇄ {run.EnvironmentB} · requested by {SlackText.Escape(run.RequestedBy)}\n*{run.State}*{Where(run)}"),
        };
        for (var phase = 1; phase <= Procedure.PhaseCount; phase++)
        {
            blocks.Add(BlockKit.Context(PhaseLine(run, phase)));
        }

        blocks.Add(BlockKit.Section(SlackText.Escape(run.StatusMessage ?? run.State.ToString())));
        if (GateProposals.OpenKey(run) is { } open)
        {
            var proposal = GateProposals.Describe(run, open, settings);
            blocks.Add(BlockKit.Context($":raised_hand: Waiting for {proposal.RequiredApprovals} approval(s) of *{SlackText.Escape(proposal.Title)}*: the buttons are in the thread."));
        }

        var text = $"Migration {RunText.ShortId(run.Id)} of {run.EnvironmentA} and {run.EnvironmentB}: {run.State}{Where(run)}";
        return new SlackMessage(channel, text, blocks, Ts: ts);
    }

    public static string PhaseLine(MigrationRun run, int phase)
    {
        var plan = Procedure.Phase(phase, run.EnvironmentA, run.EnvironmentB);
        var steps = run.Steps.Where(s => s.Phase == phase).ToList();
        var line = new StringBuilder($"Phase {phase} ({plan.Target} → VM in {plan.Hosting}): ");
        line.AppendJoin(' ', steps.Select(s => Symbol(s.Status)));
        line.Append($"  {steps.Count(s => s.Status is StepStatus.Succeeded or StepStatus.Skipped)}/{steps.Count}");
        return line.ToString();
    }

    private static string Where(MigrationRun run) =>
        run.IsTerminal ? "" : $" · phase {run.Phase}: {Procedure.Step(run.Step).Title}";

    private static string Symbol(StepStatus status) => status switch
    {
        StepStatus.Succeeded => ":white_check_mark:",
        StepStatus.Skipped => ":heavy_minus_sign:",
        StepStatus.Running => ":arrows_counterclockwise:",
        StepStatus.AwaitingApproval or StepStatus.AwaitingAcknowledgement => ":raised_hand:",
        StepStatus.Failed => ":x:",
        StepStatus.Rejected => ":no_entry_sign:",
        _ => ":white_large_square:",
    };
}
