using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Slack.Publishing;

/// <summary>
/// Listens to the engine (after each save) and queues a refresh of the migration's Slack messages.
/// Never calls Slack itself, so the engine is never held up by the Web API.
/// </summary>
public sealed class SlackRunNotifier(SlackRunUpdates updates) : IRunNotifier
{
    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken)
    {
        updates.Publish(new SlackRunUpdate(run.Id, ThreadLine(run, what)));
        return Task.CompletedTask;
    }

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken)
    {
        updates.Publish(new SlackRunUpdate(migrationId, $"> `{Messages.SlackText.Escape(line)}`"));
        return Task.CompletedTask;
    }

    /// <summary>The line for the thread: a step's details when it begins, otherwise what happened.</summary>
    private static string? ThreadLine(MigrationRun run, string what)
    {
        if (what == "requested")
        {
            return null;
        }

        if (run.State == RunState.Running && run.CurrentStep.Status == StepStatus.Running)
        {
            var step = Procedure.Step(run.Step);
            var plan = run.CurrentPhase;
            return $":arrow_forward: *Phase {run.Phase} · {step.Title}* on {Messages.SlackText.Escape(Procedure.Render(step.Touches, plan))}: {Messages.SlackText.Escape(Procedure.Render(step.WhatHappens, plan))}";
        }

        return Messages.SlackText.Escape(what);
    }
}
