using Quartz;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Scheduling;

/// <summary>
/// Fires at a gate opening's reminder or deadline and hands it to the runbook, naming the opening: the
/// runbook decides (and records) whether it still applies. A thin adapter, no runbook logic here.
/// </summary>
internal sealed partial class GateTimeJob(MigrationEngine engine, ILogger<GateTimeJob> logger) : IJob
{
    public static readonly JobKey Key = new("gate-time", "ovm");

    public const string MigrationKey = "migration";
    public const string PhaseKey = "phase";
    public const string GateKey = "gate";
    public const string RoundKey = "round";

    /// <summary>The reminder's index in the opening's clock; absent for the deadline.</summary>
    public const string ReminderKey = "reminder";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(MigrationKey), out var id) || !int.TryParse(data.GetString(PhaseKey), out var phase)
            || !Runbook.Gates.GateKey.TryParse(data.GetString(GateKey), out var gate) || !int.TryParse(data.GetString(RoundKey), out var round))
        {
            // Not one of ours as written by GateTimers: nothing to name, so nothing to decide.
            return;
        }

        int? reminder = int.TryParse(data.GetString(ReminderKey), out var index) ? index : null;
        var outcome = await engine.Commands.GateTimeAsync(id, new GateOpening(phase, gate, round), reminder, cancellationToken);
        LogFired(logger, id, gate.Name, phase, round, reminder, outcome.Message);
    }

    [LoggerMessage(EventId = 3101, EventName = "GateTimeFired", Level = LogLevel.Information,
        Message = "Gate timer of {Migration} {Gate} phase {Phase} round {Round} (reminder {Reminder}): {Outcome}")]
    private static partial void LogFired(ILogger logger, Guid migration, string gate, int phase, int round, int? reminder, string outcome);
}
