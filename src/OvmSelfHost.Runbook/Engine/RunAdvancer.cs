using System.Collections.Concurrent;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// Moves runs on: takes a run's lease (one executor per run, on every replica and after a restart),
/// then the advance loop, step execution and window holds. Every save it makes carries the lease's
/// fence, so once another replica has taken the run over nothing from here lands.
/// </summary>
public sealed partial class RunAdvancer(
    RunChanges changes,
    RunbookSettings settings,
    IEnumerable<IStepHandler> handlers,
    IRunLeases leases,
    IOvmConnections? ovm = null,
    IMaintenanceWindows? windows = null)
{
    /// <summary>Runs being advanced, and whether another advance was asked for meanwhile.</summary>
    private readonly Dictionary<Guid, bool> advancing = [];
    private readonly ConcurrentDictionary<Guid, RunLease> held = new();
    private readonly OperationDurations durations = new(settings.ExpectedJobDurations);
    private long sharedDurationsReadAt = long.MinValue;

    /// <summary>How often the job durations every replica recorded are read again (one query, off the vote path most of the time).</summary>
    private static readonly TimeSpan SharedDurationsEvery = TimeSpan.FromSeconds(30);
    private readonly Dictionary<Definition.StepKind, IStepHandler> handlersByKind = handlers.ToDictionary(h => h.Kind);

    private IMigrationStore store => changes.Store;

    private IRunNotifier notifier => changes.Notifier;

    private TimeProvider time => changes.Time;

    /// <summary>False until Oracle VM adapters are configured: runs then wait before preflight.</summary>
    public bool AdaptersConfigured => ovm is not null;

    public IRunLeases Leases => leases;

    /// <summary>The runs whose lease this replica holds now.</summary>
    public IReadOnlyCollection<Guid> Held => held.Where(h => !h.Value.IsLost).Select(h => h.Key).ToList();

    public bool Holds(Guid id) => held.TryGetValue(id, out var lease) && !lease.IsLost;

    /// <summary>
    /// Moves the run on until it must wait: for a gate, a person, a window or the end. Safe to call
    /// for any run at any time, including after a restart in the middle of a step. A call made while
    /// the run is being advanced is not lost: the advance goes round once more. Does nothing when
    /// another replica holds the run's lease; throws <see cref="LeaseLostException"/> when this one
    /// lost it meanwhile (the step stopped, nothing more was saved).
    /// </summary>
    /// <returns>False when another replica executes the run.</returns>
    public async Task<bool> AdvanceAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (advancing)
        {
            if (advancing.ContainsKey(id))
            {
                advancing[id] = true;
                return true;
            }

            advancing[id] = false;
        }

        try
        {
            do
            {
                if (await HoldAsync(id, cancellationToken) is not { } lease)
                {
                    return false;
                }

                await AdvanceHeldAsync(id, lease, cancellationToken);
            }
            while (AskedAgain(id));
            return true;
        }
        finally
        {
            lock (advancing)
            {
                advancing.Remove(id);
            }
        }
    }

    private async Task AdvanceHeldAsync(Guid id, RunLease lease, CancellationToken cancellationToken)
    {
        using var working = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            while (await AdvanceOnceAsync(id, working.Token))
            {
            }
        }
        catch (OperationCanceledException) when (lease.IsLost && !cancellationToken.IsCancellationRequested)
        {
            Drop(id, lease);
            throw new LeaseLostException(id, "another replica took it over while a step ran");
        }
        catch (LeaseLostException)
        {
            Drop(id, lease);
            throw;
        }

        if (await store.FindAsync(id, cancellationToken) is null or { IsTerminal: true })
        {
            Drop(id, lease);
            await leases.ReleaseAsync(lease.Fence, cancellationToken);
        }
    }

    /// <summary>The lease held already, or a new grant (with a journal line when it was taken from another start or replica).</summary>
    private async Task<RunLease?> HoldAsync(Guid id, CancellationToken cancellationToken)
    {
        if (held.TryGetValue(id, out var lease) && !lease.IsLost)
        {
            return lease;
        }

        if (await leases.TryAcquireAsync(id, cancellationToken) is not { } grant)
        {
            return null;
        }

        lease = new RunLease(grant.Fence, grant.ExpiresAt);
        held[id] = lease;
        if (grant.PreviousReplica is not null)
        {
            await JournalTakeoverAsync(id, grant, cancellationToken);
        }

        return lease;
    }

    private Task<bool> JournalTakeoverAsync(Guid id, LeaseGrant grant, CancellationToken cancellationToken) =>
        changes.ApplyAsync(id, Fence(id), (run, journal) =>
        {
            if (run is null || run.IsTerminal)
            {
                return (false, (string?)null);
            }

            var how = grant.HandedOver ? "handed over by" : grant.PreviousReplica == leases.Replica ? "left by an earlier start of" : "taken over from";
            var message = $"Replica {leases.Replica} executes the migration now ({how} {grant.PreviousReplica}, lease {grant.Fence.Token}): " +
                          $"it re-attaches to the recorded Oracle VM jobs and looks before acting again. {run.StatusMessage}";
            journal.Add(Journal(run, leases.Replica, "engine", grant.HandedOver ? "handover" : "takeover", message));
            return (true, message);
        }, cancellationToken);

    /// <summary>Extends every lease held here; a lease found lost stops its run's step at once.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var mine = held.Values.Where(l => !l.IsLost).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        var renewed = await leases.RenewAsync(mine.Select(l => l.Fence).ToList(), cancellationToken);
        foreach (var lease in mine)
        {
            if (renewed.TryGetValue(lease.Fence.MigrationId, out var until))
            {
                lease.Renewed(until);
            }
            else
            {
                Drop(lease.Fence.MigrationId, lease);
            }
        }
    }

    /// <summary>Graceful stop, after the advances stopped: gives every lease up, so another replica continues at once.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, lease) in held.ToList())
        {
            Drop(id, lease);
            await leases.ReleaseAsync(lease.Fence, cancellationToken);
        }
    }

    private void Drop(Guid id, RunLease lease)
    {
        held.TryRemove(new KeyValuePair<Guid, RunLease>(id, lease));
        lease.MarkLost();
    }

    private RunFence Fence(Guid id) =>
        held.TryGetValue(id, out var lease) && !lease.IsLost ? lease.Fence : throw new LeaseLostException(id, "it is not held here");

    private RunLease Lease(Guid id) =>
        held.TryGetValue(id, out var lease) && !lease.IsLost ? lease : throw new LeaseLostException(id, "it is not held here");

    private AuditEntry Journal(MigrationRun run, string actor, string channel, string action, string detail) =>
        changes.Journal(run, actor, channel, action, detail);

    /// <summary>Either claims one more round, or lets go of the run in the same breath, so no call falls between.</summary>
    private bool AskedAgain(Guid id)
    {
        lock (advancing)
        {
            if (advancing[id])
            {
                advancing[id] = false;
                return true;
            }

            advancing.Remove(id);
            return false;
        }
    }

    /// <returns>True when the run moved and may move again.</returns>
    private async Task<bool> AdvanceOnceAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(id, cancellationToken);
        switch (run?.State)
        {
            case RunState.Queued:
                return await StartAsync(id, cancellationToken);
            case RunState.Ready when await WindowHoldAsync(run, cancellationToken) is { } hold:
                await NoteAsync(id, RunState.Ready, hold, cancellationToken);
                return false;
            case RunState.Ready:
                return await OpenGateOrBeginAsync(run, cancellationToken);
            case RunState.AwaitingApproval when GateWindowPassed(run):
                return await ExpireGateAsync(id, cancellationToken);
            case RunState.Running:
                await ExecuteStepAsync(run, cancellationToken);
                return true;
            case RunState.RollingBack:
                await ExecuteRollbackAsync(run, cancellationToken);
                return false;
            default:
                return false;
        }
    }

    private async Task<bool> StartAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!AdaptersConfigured)
        {
            return false;
        }

        return await TransitionAsync(id, RunState.Queued, (run, journal) =>
        {
            new RunStateMachine(run).Fire(RunTrigger.Started);
            run.StatusMessage = "Started: preflight is next.";
            journal.Add(Journal(run, "engine", "engine", "started", run.StatusMessage));
            return run.StatusMessage;
        }, cancellationToken);
    }

    /// <summary>
    /// Opens the step's gate (with a snapshot of what it asks people to check), or begins the step. An
    /// approved step is looked at again first: when what it acts on changed since the approval, the
    /// approval is void, the gate opens as a new round with the difference, and the step does not run.
    /// Ready is where every approved step passes right before it acts, also when its window opened or
    /// another replica took the run over.
    /// </summary>
    private async Task<bool> OpenGateOrBeginAsync(MigrationRun loaded, CancellationToken cancellationToken)
    {
        var required = GatePolicies.RequiredApprovals(settings.Gates.For(loaded.Step));
        // The snapshot's WS-API reads are traced like a step's: a trace of their own, tagged with the run.
        using var trace = required > 0 && ovm is not null ? Telemetry.RunbookTelemetry.StartStep(loaded, $"gate snapshot {loaded.Step}") : null;
        var seen = required > 0 && ovm is not null ? await GateSnapshotReader.ReadAsync(ovm, loaded, settings, time, cancellationToken) : null;
        if (seen is not null && GateApprovedForNow(loaded, GateKey.Of(loaded.Step), required)
            && await OldManagerWatch.FindRunningAsync(loaded, ovm!, settings.ManagerService, cancellationToken) is not null)
        {
            // An old manager running again is the graver news: the step begins and its guard stops the run naming it.
            seen = null;
        }

        return await TransitionAsync(loaded.Id, RunState.Ready, (run, journal) =>
        {
            var gate = GateKey.Of(run.Step);
            var machine = new RunStateMachine(run);
            var step = run.CurrentStep;
            var approved = required > 0 && GateApprovedForNow(run, gate, required);
            // A step that already acted (a retry after a failure) changed its own target: that is not drift.
            var acted = run.Intents.Any(i => i.Phase == run.Phase && i.Step == gate.Name);
            var drift = approved && !acted && seen is not null && run.Step == loaded.Step && run.Phase == loaded.Phase ? Drift(run, gate, seen) : null;
            if (required > 0 && (!approved || drift is not null))
            {
                run.GateRound++;
                run.PendingGate = gate;
                run.GateWindowOpensAt = run.Window is null ? null : windows?.CurrentOrNext(run.Window, time.GetUtcNow())?.OpensAt;
                machine.Fire(RunTrigger.ApprovalRequested);
                step.Status = StepStatus.AwaitingApproval;
                if (seen is not null && run.Step == loaded.Step && run.Phase == loaded.Phase)
                {
                    run.CurrentFacts.Snapshots.Add(seen with { Round = run.GateRound });
                }

                var snapshot = seen is null ? "" : $" Snapshot {seen.ShortHash}: {string.Join("; ", seen.Facts.Select(f => $"{f.Name}: {f.Value}"))}.";
                run.StatusMessage = drift is null
                    ? $"Phase {run.Phase} {gate} waits for {required} approval(s)."
                    : $"Phase {run.Phase} {gate} did not run: {drift} It waits for {required} approval(s) again (round {run.GateRound}).";
                if (drift is not null)
                {
                    journal.Add(Journal(run, "engine", "engine", "approval-voided", run.StatusMessage));
                }

                journal.Add(Journal(run, "engine", "engine", "approval-requested", run.StatusMessage + snapshot));
                return run.StatusMessage;
            }

            machine.Fire(RunTrigger.StepBegan);
            step.Status = StepStatus.Running;
            step.StartedAt = time.GetUtcNow();
            step.FinishedAt = null;
            run.StatusMessage = $"Phase {run.Phase} {gate} is running.";
            if (approved && seen is not null)
            {
                journal.Add(Journal(run, "engine", "engine", "approval-holds", $"phase {run.Phase} {gate}: what was approved still holds (snapshot {seen.Hash})."));
            }

            journal.Add(Journal(run, "engine", "engine", "step-began", $"phase {run.Phase} {gate}"));
            return run.StatusMessage;
        }, cancellationToken);
    }

    /// <summary>
    /// Compares what the approved round saw with <paramref name="now"/>; when they differ, voids that
    /// round's snapshot and says what changed since whom approved when. Null: nothing changed (or the
    /// round has no snapshot, as for a run approved before snapshots were taken).
    /// </summary>
    private string? Drift(MigrationRun run, GateKey gate, GateSnapshot now)
    {
        var facts = run.CurrentFacts;
        var opening = GateOpening.Current(run, gate);
        var index = facts.Snapshots.FindLastIndex(opening.Includes);
        if (index < 0)
        {
            return null;
        }

        var approvedSnapshot = facts.Snapshots[index];
        var changes = approvedSnapshot.DifferencesTo(now);
        if (changes.Count == 0)
        {
            return null;
        }

        var voters = opening.VotesIn(run).Where(v => v.Decision == VoteDecision.Approve).ToList();
        var since = string.Join(" and ", voters.Select(v => $"{v.User} approved at {v.At.UtcDateTime:HH:mm}Z"));
        var because = $"{string.Join("; ", changes)} since {since} (snapshot {approvedSnapshot.ShortHash}, now {now.ShortHash}); their approvals are void.";
        facts.Snapshots[index] = approvedSnapshot with { VoidedAt = time.GetUtcNow(), VoidedBecause = because };
        return because;
    }

    /// <summary>The approvals in the current round belong to this very step's gate, not to an earlier one.</summary>
    private static bool GateWasOpenedForThisStep(MigrationRun run, GateKey gate) =>
        GateOpening.Current(run, gate).VotesIn(run).ToList() is var votes && votes.Count > 0 && !votes.Any(v => v.Decision == VoteDecision.Reject);

    /// <summary>Applies an engine transition if the run is still in <paramref name="expected"/>; saves (fenced by the lease), then tells.</summary>
    private Task<bool> TransitionAsync(Guid id, RunState expected, Func<MigrationRun, List<AuditEntry>, string> change, CancellationToken cancellationToken) =>
        changes.ApplyAsync(id, Fence(id), (run, journal) =>
            run is null || run.State != expected ? (false, (string?)null) : (true, change(run, journal)), cancellationToken);
}
