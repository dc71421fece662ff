using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Storage;
using OvmSelfHost.Web;

namespace OvmSelfHost.Running;

/// <summary>
/// Right after start, off the request path: a vote rehearsed end to end, so that the first vote this replica takes is as
/// quick as the next ones (a fresh replica answered its first vote 100-250 ms later than the next, building the decision,
/// the save and the chat lines for the first time). First the store's reads and a save on a made-up run inside a
/// transaction that is rolled back; then an approval through the engine, as the console sends it, on a made-up run that
/// only this process's copy holds: it is decided, and its save built and sent like any other (delivery claim, guards,
/// outbox rows, NOTIFY), then voided by its own version check, as a save over a stale copy is; decided again on a fresh
/// read, the run is not there. Nothing is committed and nobody is told. A failure only costs the first vote its speed.
/// </summary>
internal sealed partial class VoteRehearsal(
    EfMigrationStore store, MigrationEngine engine, RunbookSettings settings, TimeProvider time, ILogger<VoteRehearsal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.FindAsync(Guid.Empty, stoppingToken);
            await store.RehearseVoteAsync(stoppingToken);
            await RehearseApprovalAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRehearsalFailed(logger, ex);
        }
    }

    private async Task RehearseApprovalAsync(CancellationToken cancellationToken)
    {
        if (MadeUpRunAtGate() is not { } run || GateOpening.WaitingIn(run) is not { } opening
            || engine.Voters(run, opening).FirstOrDefault(v => v.MayVote) is not { } voter)
        {
            return;
        }

        store.TakeMadeUpCopy(run);
        try
        {
            var outcome = await engine.DecideAsync(run.Id, voter.Person.Name, "web", VoteDecision.Approve, reason: null, cancellationToken, opening,
                new Authentication("rehearsal", SignedInAt: time.GetUtcNow()),
                new DeliveryReceipt(DeliveryKey.Of("rehearsal", run.Id.ToString("N")), "web", o => new StoredOutcome(o.Kind, o.Message).ToJson()));
            if (outcome.Succeeded)
            {
                throw new InvalidOperationException($"The rehearsal's approval of made-up run {run.Id} reports a save; it must be voided by its version check.");
            }
        }
        finally
        {
            store.ForgetCopy(run.Id);
        }
    }

    /// <summary>A run waiting for approvals at the first gate that needs any, in phase 1 (null when no gate does).</summary>
    private MigrationRun? MadeUpRunAtGate()
    {
        var gated = Procedure.Steps.FirstOrDefault(s => GatePolicies.RequiredApprovals(settings.Gates.For(s.Kind)) > 0);
        if (gated is null)
        {
            return null;
        }

        var run = MigrationRun.Create(Guid.NewGuid(), "rehearsal-a", "rehearsal-b", "rehearsal", "engine", time.GetUtcNow());
        var machine = new RunStateMachine(run);
        machine.Fire(RunTrigger.Started);
        run.Step = gated.Kind;
        run.GateRound = 1;
        run.PendingGate = GateKey.Of(run.Step);
        run.CurrentStep.Status = StepStatus.AwaitingApproval;
        machine.Fire(RunTrigger.ApprovalRequested);
        return run;
    }

    [LoggerMessage(EventId = 4901, Level = LogLevel.Warning, Message = "Rehearsing a vote at start failed (nothing was committed); the first vote here will be slower.")]
    private static partial void LogRehearsalFailed(ILogger logger, Exception exception);
}
