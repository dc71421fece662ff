using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Slack.Outbox;

/// <summary>
/// Slack in the outbox: every notice refreshes the migration's messages, and adds a line to its
/// thread (a step's details when it begins, otherwise what happened, and installer output quoted).
/// </summary>
public sealed class SlackOutboxChannel : IOutboxChannel
{
    public string Name => SlackChannel.Name;

    public bool Shows(RunNotice notice) => true;

    public string? Line(MigrationRun run, RunNotice notice)
    {
        if (notice.Kind == RunNoticeKind.Output)
        {
            return $"> `{Messages.SlackText.Escape(notice.Text)}`";
        }

        if (notice.Text == "requested")
        {
            return null;
        }

        if (run.State == RunState.Running && run.CurrentStep.Status == StepStatus.Running)
        {
            var step = Procedure.Step(run.Step);
            var plan = run.CurrentPhase;
            return $":arrow_forward: *Phase {run.Phase} · {step.Title}* on {Messages.SlackText.Escape(Procedure.Render(step.Touches, plan))}: {Messages.SlackText.Escape(Procedure.Render(step.WhatHappens, plan))}";
        }

        return Messages.SlackText.Escape(notice.Text);
    }
}
