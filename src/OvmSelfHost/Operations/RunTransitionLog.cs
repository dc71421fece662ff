using System.Collections.Concurrent;
using System.Diagnostics;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Telemetry;

namespace OvmSelfHost.Operations;

/// <summary>
/// Watches every saved change of a run: writes one readable line per transition and per decision (with the run's
/// short id), and measures how long each gate opening waited for its decision.
/// </summary>
internal sealed partial class RunTransitionLog(TimeProvider time, ILogger<RunTransitionLog> logger) : IRunNotifier
{
    private readonly ConcurrentDictionary<Guid, (int Round, string Gate, long OpenedAt)> openGates = new();

    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken)
    {
        LogChanged(logger, run.Id.ToString("N")[..8], run.State, run.Phase, run.Step, what);
        var waiting = GateOpening.WaitsForVotes(run.State);
        if (openGates.TryGetValue(run.Id, out var open) && (!waiting || open.Round != run.GateRound))
        {
            openGates.TryRemove(run.Id, out _);
            RunbookTelemetry.GateWait.Record(time.GetElapsedTime(open.OpenedAt).TotalSeconds, new TagList { { "ovm.gate", open.Gate } });
        }

        if (waiting && run.PendingGate is { } gate)
        {
            openGates.TryAdd(run.Id, (run.GateRound, gate.Name, time.GetTimestamp()));
        }

        return Task.CompletedTask;
    }

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "[{ShortId}] {State} at phase {Phase} {Step}: {What}")]
    private static partial void LogChanged(ILogger logger, string shortId, RunState state, int phase, StepKind step, string what);
}
