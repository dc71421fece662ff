using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Telemetry;

/// <summary>
/// The runbook's traces and metrics: one trace per executed step (its WS-API calls, host commands and saves are
/// its children), linked to the request or decision that last moved the run, and step durations by step and
/// environment. Attributes carry ids, names and states only.
/// </summary>
public static class RunbookTelemetry
{
    public const string Name = "OvmSelfHost.Runbook";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<Guid, ActivityContext> Causes = new();

    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram<double>("ovm.step.duration", "s", "How long an executed step took, by step, environment and outcome.");

    public static Histogram<double> GateWait { get; } = Meter.CreateHistogram<double>("ovm.gate.wait", "s", "How long a gate opening waited for its decision, by gate.");

    /// <summary>Remembers the span of the request or decision that just moved the run (the HTTP request, the chat delivery).</summary>
    public static void NoteCause(Guid runId)
    {
        if (Activity.Current is { } current)
        {
            Causes[runId] = current.Context;
        }
    }

    /// <summary>Starts the trace of one step execution: a root span, linked to what caused it.</summary>
    public static Activity? StartStep(MigrationRun run, string what)
    {
        // A step runs in the background: its trace is its own, not the tail of whatever happened to run before on this flow.
        Activity.Current = null;
        var links = Causes.TryGetValue(run.Id, out var cause) ? new[] { new ActivityLink(cause) } : null;
        var activity = Source.StartActivity(what, ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("ovm.run.id", run.Id.ToString());
        activity?.SetTag("ovm.run.short_id", run.Id.ToString("N")[..8]);
        activity?.SetTag("ovm.phase", run.Phase);
        activity?.SetTag("ovm.step", run.Step.ToString());
        activity?.SetTag("ovm.environment", run.CurrentPhase.Target);
        activity?.SetTag("ovm.hosting_environment", run.CurrentPhase.Hosting);
        return activity;
    }

    public static void StepEnded(Activity? activity, MigrationRun run, string outcome, TimeSpan elapsed, bool failed)
    {
        StepDuration.Record(elapsed.TotalSeconds, new TagList
        {
            { "ovm.step", run.Step.ToString() },
            { "ovm.environment", run.CurrentPhase.Target },
            { "ovm.outcome", outcome },
        });
        activity?.SetTag("ovm.outcome", outcome);
        if (failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }
}
