using System.Text;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Chat.Commands;

/// <summary>Runs as plain text, the same in every channel.</summary>
public static class RunText
{
    public static string ShortId(Guid id) => MigrationRun.ShortIdOf(id);

    /// <summary>Which replica executes the run, for a person who wonders where its steps run (and whether anyone does).</summary>
    public static string Executor(MigrationRun run) =>
        run.IsTerminal ? "" : run.Executor is { } replica ? $" · executed by replica {replica}" : " · no replica executes it right now";

    public static string Detail(MigrationRun run, RunbookSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine($"Migration {ShortId(run.Id)} ({run.Id}) of {run.EnvironmentA} and {run.EnvironmentB}: {PersonFacingNames.Of(run.State)}");
        text.AppendLine(run.StatusMessage);
        if (!run.IsTerminal)
        {
            text.AppendLine(Executor(run).TrimStart(' ', '·'));
        }

        for (var phase = 1; phase <= Procedure.PhaseCount; phase++)
        {
            text.AppendLine(Heading(Procedure.Phase(phase, run.EnvironmentA, run.EnvironmentB)));
            foreach (var step in run.Steps.Where(s => s.Phase == phase))
            {
                var marker = step.Phase == run.Phase && step.Kind == run.Step && !run.IsTerminal ? ">" : " ";
                text.AppendLine($" {marker} {Symbol(step.Status)} {PersonFacingNames.Of(step.Kind)}: {PersonFacingNames.Of(step.Status)}{Gate(settings, step.Kind)}");
            }
        }

        if (run.PendingGate is { } gate)
        {
            var votes = run.VotesOnPendingGate.Select(v => $"{v.User} {v.Decision.ToString().ToLowerInvariant()}d").ToList();
            text.AppendLine($"Waiting for approval of {PersonFacingNames.OfGate(gate)} (needs {Replies.ChatReplies.Gate(settings.Gates.For(gate))}): {(votes.Count == 0 ? "no votes yet" : string.Join(", ", votes))}. See /ovm why {ShortId(run.Id)} for who can decide and what to type.");
        }

        return text.ToString().TrimEnd();
    }

    private static string Heading(PhasePlan plan) => Replies.ChatReplies.PhaseHeading(plan);

    private static string Gate(RunbookSettings settings, StepKind kind) =>
        settings.Gates.For(kind) is var policy && policy != ApprovalPolicy.None ? $" (needs {Replies.ChatReplies.Gate(policy)})" : "";

    private static string Symbol(StepStatus status) => status switch
    {
        StepStatus.Succeeded => "[x]",
        StepStatus.Skipped => "[-]",
        StepStatus.Running => "[~]",
        StepStatus.Failed or StepStatus.Rejected => "[!]",
        StepStatus.AwaitingApproval or StepStatus.AwaitingAcknowledgement => "[?]",
        _ => "[ ]",
    };
}
