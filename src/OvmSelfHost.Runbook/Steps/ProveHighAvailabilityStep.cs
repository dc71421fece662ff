using System.Globalization;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Invariants;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// The HA drill (invariant 8): live-migrates the new manager VM to another server of its pool and
/// measures what its users would see, so the promise of section 4.7 is shown before anyone relies on it.
/// </summary>
public sealed class ProveHighAvailabilityStep : IStepHandler
{
    private const string MoveKey = "migrate:";

    public StepKind Kind => StepKind.ProveHighAvailability;

    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.HostingPlan.HaDrill)
        {
            return StepObservation.NotDone($"the HA drill is switched off for {context.Plan.Hosting} (Environments:{context.Plan.Hosting}:HaDrill).");
        }

        var hosting = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var vm = hosting.Vm(context.Facts.NewVmId ?? "");
        var on = Name(hosting, vm?.ServerId);
        return EarlierMove(context) is { } move
            ? StepObservation.InProgress($"the drill's move of {context.TargetPlan.ReplacementVm.Name} to {move.Description} was asked for before " +
                                         $"({(move.JobId is null ? "no job id yet" : $"job {move.JobId}")}); the VM runs on {on}: its job is waited for, not asked again.")
            : StepObservation.NotDone($"{context.TargetPlan.ReplacementVm.Name} runs on {on}; the drill moves it to another server of {context.HostingPlan.HostingPool}.");
    }

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        if (!context.HostingPlan.HaDrill)
        {
            return StepOutcome.Skipped($"HA drill switched off for {context.Plan.Hosting}: HA is set (read back at confirmation) but not proven by a move.");
        }

        var hosting = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var vm = hosting.Vm(context.Facts.NewVmId ?? "");
        var pool = hosting.Pool(context.HostingPlan.HostingPool);
        if (vm is not { RunState: "RUNNING" } || pool is null)
        {
            return Failed(context, $"the manager VM is {vm?.RunState ?? "not found"} in {context.HostingPlan.HostingPool}", null);
        }

        var from = Name(hosting, vm.ServerId);
        var target = TargetOf(context, hosting, pool, vm);
        if (target is null)
        {
            var room = HaCapacityRule.Violation(hosting, pool, context.HostingPlan.HostingPool, vm.MemoryMb ?? context.TargetPlan.ReplacementVm.MemoryMegabytes, vm.Id)
                       ?? $"no other running server of {context.HostingPlan.HostingPool} can take it";
            return Failed(context, $"the VM could not be moved off {from}: {room}", null);
        }

        return await DrillAsync(context, vm, from, target, cancellationToken);
    }

    private static async Task<StepOutcome> DrillAsync(StepContext context, VmFacts vm, string from, ServerFacts target, CancellationToken cancellationToken)
    {
        var uuid = context.Facts.NewManagerUuid ?? context.Facts.OldManagerUuid ?? "";
        var probe = new ManagerProbe(context.NewManager, uuid, context.Time);
        await probe.ProbeAsync(cancellationToken);
        var started = context.Time.GetUtcNow();
        using var moving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = probe.WatchAsync(context.Settings.DrillProbeInterval, moving.Token);
        OvmJobResult job;
        try
        {
            job = await context.RunJobAsync(context.HostingManager, MoveKey + target.Id, new MigrateVm(vm.Id, target.Id, target.Name), cancellationToken);
        }
        catch (StepFailure failure)
        {
            await moving.CancelAsync();
            await watch;
            return Failed(context, $"the move {from} → {target.Name} did not happen: {failure.Message}", null);
        }

        var movedIn = context.Time.GetUtcNow() - started;
        await moving.CancelAsync();
        await watch;
        var answered = await probe.AwaitAnswerAsync(context.Settings.DrillProbeInterval, context.Settings.DrillMaximumPause, cancellationToken);
        var seen = $"manager moved {from} → {target.Name} in {Seconds(movedIn)}; " +
                   (!answered ? $"did not answer RUNNING with UUID {uuid} within {Seconds(context.Settings.DrillMaximumPause)} ({probe.LastProblem})"
                    : probe.LongestSilence == TimeSpan.Zero ? $"answered throughout ({probe.Probes} probes)"
                    : $"answered again after {Seconds(probe.LongestSilence)}");
        if (!answered)
        {
            return Failed(context, seen, Result(from, target, movedIn, probe, false, seen, job));
        }

        var hosting = await context.HostingManager.GetInventoryAsync(cancellationToken);
        if (hosting.Vm(vm.Id)?.ServerId != target.Id)
        {
            return Failed(context, $"{seen}, but the hosting manager shows the VM on {Name(hosting, hosting.Vm(vm.Id)?.ServerId)}", Result(from, target, movedIn, probe, false, seen, job));
        }

        if (await ManagesAsync(context, uuid, cancellationToken) is { } lost)
        {
            return Failed(context, $"{seen}, but {lost}", Result(from, target, movedIn, probe, false, seen, job));
        }

        var summary = $"{seen}; still manages {context.Plan.Target}'s servers with UUID {uuid}.";
        context.Facts.ManagerVmServerId = target.Id;
        TimeSpan? failoverInterruption = null;
        if (context.HostingPlan.HaDrillFailover)
        {
            var failover = await HaFailoverDrill.RunAsync(context, vm.Id, target, uuid, cancellationToken);
            if (!failover.Passed)
            {
                return Failed(context, $"{seen}; then the failover drill: {failover.Seen}", Result(from, target, movedIn, probe, false, seen, job));
            }

            summary = $"{summary} Failover drill: {failover.Seen}.";
            failoverInterruption = failover.Interruption;
        }

        context.Facts.Drill = Result(from, target, movedIn, probe, true, summary, job) with { FailoverInterruption = failoverInterruption };
        await context.OutputAsync($"HA drill: {summary}", cancellationToken);
        return StepOutcome.Succeeded($"HA drill passed: {summary}");
    }

    private static HaDrillResult Result(string from, ServerFacts target, TimeSpan movedIn, ManagerProbe probe, bool passed, string summary, OvmJobResult job) =>
        new(from, target.Name, movedIn, probe.LongestSilence, passed, summary, job.JobId);

    /// <summary>Every server the old manager had is still owned by the UUID and seen by the moved manager; null when so.</summary>
    private static async Task<string?> ManagesAsync(StepContext context, string uuid, CancellationToken cancellationToken)
    {
        var seen = await context.NewManager.GetInventoryAsync(cancellationToken);
        var expected = context.Facts.RecordedInventory?.Servers.Select(s => s.Name).ToList() ?? [];
        var missing = expected.Where(name => !seen.Servers.Any(s => s.Name == name && string.Equals(s.OwnerManagerUuid, uuid, StringComparison.OrdinalIgnoreCase))).ToList();
        return missing.Count == 0 ? null : $"it no longer manages {string.Join(", ", missing)} of {context.Plan.Target}";
    }

    /// <summary>The server of a move asked for before (its job is waited for), or the least loaded other server with room.</summary>
    private static ServerFacts? TargetOf(StepContext context, EnvironmentInventory hosting, PoolFacts pool, VmFacts vm)
    {
        if (EarlierMove(context) is { } move)
        {
            var id = move.Key[(move.Key.IndexOf(MoveKey, StringComparison.Ordinal) + MoveKey.Length)..];
            return hosting.Servers.FirstOrDefault(s => s.Id == id);
        }

        var memory = vm.MemoryMb ?? context.TargetPlan.ReplacementVm.MemoryMegabytes;
        return HaCapacityRule.Room(hosting, pool, memory, vm.Id)
            .Where(s => s.Id != vm.ServerId)
            .OrderBy(s => hosting.Vms.Count(v => v.ServerId == s.Id))
            .FirstOrDefault();
    }

    private static IntentRecord? EarlierMove(StepContext context) =>
        context.Run.Intents.LastOrDefault(i => i.Phase == context.Run.Phase && i.Step == nameof(StepKind.ProveHighAvailability)
                                               && i.Key.Contains(MoveKey, StringComparison.Ordinal) && i.Status != IntentStatus.Failed);

    private static StepOutcome Failed(StepContext context, string seen, HaDrillResult? result)
    {
        context.Facts.Drill = result ?? new HaDrillResult("", "", TimeSpan.Zero, TimeSpan.Zero, false, seen);
        return StepOutcome.NeedsAcknowledgement(GateKey.AcceptFailedDrill,
            $"HA drill failed: {seen}. HA is not proven for {context.TargetPlan.ReplacementVm.Name} in {context.Plan.Hosting}. " +
            $"Choices: reject gate {GateKey.AcceptFailedDrill}, fix the pool, then retry the drill; accept the phase without the proof " +
            $"(gate {GateKey.AcceptFailedDrill}, two approvers); or roll back.");
    }

    private static string Name(EnvironmentInventory inventory, string? serverId) =>
        serverId is null ? "no server" : inventory.Servers.FirstOrDefault(s => s.Id == serverId)?.Name ?? serverId;

    internal static string Seconds(TimeSpan span) =>
        span.TotalSeconds < 10
            ? $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
            : $"{Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
}
