using System.Collections.Concurrent;
using System.Globalization;
using Quartz;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Scheduling;

/// <summary>
/// Puts the reminders and the deadline of a waiting gate opening on the persistent Quartz store, one
/// trigger each, named after the opening: adding them again (after every change, at every start) finds
/// them there and adds nothing. A trigger of an opening decided since still fires, and the runbook,
/// seeing that opening closed, changes nothing; so no trigger has to be removed for correctness.
/// </summary>
/// <remarks>Misfire policy <c>FireNow</c>: a reminder or deadline missed while every replica was down fires at start-up.</remarks>
internal sealed class GateTimers(ISchedulerFactory schedulers)
{
    public const string Group = "ovm-gates";

    // Openings whose triggers this process has put on the store: every later change of the run (a vote above all,
    // whose answer waits for the listeners) skips the store's round trips. One small entry per gate opening.
    private readonly ConcurrentDictionary<string, bool> scheduled = new();

    public static async Task RegisterJobAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var job = JobBuilder.Create<GateTimeJob>().WithIdentity(GateTimeJob.Key).StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
    }

    public async Task ScheduleAsync(MigrationRun run, CancellationToken cancellationToken)
    {
        if (GateOpening.WaitingIn(run) is not { } opening || GateClocks.Find(run, opening) is not { TimedOutAt: null, Deadline: not null } clock)
        {
            return;
        }

        var name = $"{run.Id:N}-{opening.Phase}-{opening.Gate}-{opening.Round}";
        if (scheduled.ContainsKey(name))
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        for (var i = 0; i < clock.RemindAt.Count; i++)
        {
            if (!clock.Reminded.Contains(i))
            {
                await AddAsync(scheduler, new TriggerKey($"{name}-reminder-{i}", Group), run.Id, opening, i, clock.RemindAt[i], cancellationToken);
            }
        }

        await AddAsync(scheduler, new TriggerKey($"{name}-deadline", Group), run.Id, opening, null, clock.Deadline.Value, cancellationToken);
        scheduled.TryAdd(name, true);
    }

    private static async Task AddAsync(
        IScheduler scheduler, TriggerKey key, Guid id, GateOpening opening, int? reminder, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await scheduler.Exists(key, cancellationToken))
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(GateTimeJob.Key)
            .UsingJobData(GateTimeJob.MigrationKey, id.ToString())
            .UsingJobData(GateTimeJob.PhaseKey, opening.Phase.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(GateTimeJob.GateKey, opening.Gate.Name)
            .UsingJobData(GateTimeJob.RoundKey, opening.Round.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(GateTimeJob.ReminderKey, reminder?.ToString(CultureInfo.InvariantCulture) ?? "")
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        // Replacing: two replicas adding the same opening's trigger at once both succeed, with the same trigger.
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
