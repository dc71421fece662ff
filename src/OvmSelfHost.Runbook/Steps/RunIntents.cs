using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// The intent protocol that makes every side effect happen at most once: record the intent before the
/// call (fenced by the run's lease, so a replica that lost the run records nothing and calls nothing),
/// keep the job id the moment it is known, re-attach to a recorded job instead of repeating it, and
/// settle an intent left without a job id by observing Oracle VM or the host first.
/// </summary>
public sealed class RunIntents(
    MigrationRun run,
    RunbookSettings settings,
    IMigrationStore store,
    TimeProvider time,
    OperationDurations durations,
    RunLease lease,
    Func<string, CancellationToken, Task> output)
{
    private Task OutputAsync(string line, CancellationToken cancellationToken) => output(line, cancellationToken);

    /// <summary>
    /// Starts an Oracle VM job once. The intent is saved before the call and the job id the moment
    /// it is known; run again (after a restart or a retry) it waits for the recorded job instead. An
    /// intent recorded without a job id (the bot stopped during the call) is settled by looking at
    /// the manager's inventory first: there, it is taken as done; absent, it is asked for again.
    /// </summary>
    public async Task<OvmJobResult> RunJobAsync(IOvmManager manager, string key, OvmOperation operation, CancellationToken cancellationToken)
    {
        var intent = run.FindIntent(run.Phase, Qualified(key));
        if (intent?.Status == IntentStatus.Completed)
        {
            return new OvmJobResult(intent.JobId ?? "", OvmJobState.Succeeded, intent.ResultId);
        }

        if (intent?.Status == IntentStatus.Recorded && await SettleAsync(manager, intent, operation, cancellationToken) is { } settled)
        {
            return settled;
        }

        if (intent?.Status != IntentStatus.Issued)
        {
            intent = await RecordAsync(key, operation.Describe(), cancellationToken);
            await IssueAsync(manager, intent, operation, cancellationToken);
        }

        return await AwaitJobAsync(manager, intent, cancellationToken);
    }

    /// <summary>An intent left without a job id: done if its effect is seen, to be asked again if it is seen to be absent.</summary>
    private async Task<OvmJobResult?> SettleAsync(IOvmManager manager, IntentRecord intent, OvmOperation operation, CancellationToken cancellationToken)
    {
        var (effect, resultId, what) = await OperationEffects.ObserveAsync(manager, operation, cancellationToken);
        await OutputAsync($"Looked before asking again for '{intent.Description}': {what}.", cancellationToken);
        switch (effect)
        {
            case OperationEffect.Present:
                await CompleteAsync(intent, resultId, cancellationToken);
                return new OvmJobResult(intent.JobId ?? "", OvmJobState.Succeeded, resultId);
            case OperationEffect.Invisible when !OperationEffects.IsRepeatable(operation) && !intent.RetriedByPerson:
                throw Ambiguous(intent, what);
            default:
                await FailAsync(intent, $"not done when looked at again ({what}); asked again", cancellationToken);
                return null;
        }
    }

    /// <summary>
    /// Performs a side effect that has no job id (an SSH command) once. If it was recorded but not
    /// known to have finished, <paramref name="isDone"/> looks: true means it took effect; false
    /// means it did not, and it is done again when <paramref name="safeToRepeat"/> (a person is
    /// asked otherwise, unless a person's retry already answered).
    /// </summary>
    public async Task RunOnceAsync(
        string key, string description, Func<CancellationToken, Task> action, Func<CancellationToken, Task<bool>> isDone,
        bool safeToRepeat, CancellationToken cancellationToken)
    {
        var intent = run.FindIntent(run.Phase, Qualified(key));
        if (intent?.Status == IntentStatus.Completed)
        {
            return;
        }

        if (intent?.Status is IntentStatus.Recorded or IntentStatus.Issued)
        {
            if (await isDone(cancellationToken))
            {
                await CompleteAsync(intent, null, cancellationToken);
                return;
            }

            if (!safeToRepeat && !intent.RetriedByPerson)
            {
                throw Ambiguous(intent, "its effect is not there");
            }

            await FailAsync(intent, "not done when looked at again; done again", cancellationToken);
        }

        intent = await RecordAsync(key, description, cancellationToken);
        try
        {
            lease.ThrowIfNotSafe(time);
            await action(cancellationToken);
        }
        catch (OvmFaultException fault) when (fault.Kind != OvmFaultKind.Unreachable)
        {
            await FailAsync(intent, fault.Message, cancellationToken);
            throw new StepFailure($"{description} failed: {fault.Message}");
        }

        await CompleteAsync(intent, null, cancellationToken);
    }

    /// <summary>Marks the intent of <paramref name="key"/> done after the step saw its effect by itself (an installer it waited for).</summary>
    public async Task CompleteObservedAsync(string key, CancellationToken cancellationToken)
    {
        if (run.FindIntent(run.Phase, Qualified(key)) is { Status: IntentStatus.Recorded or IntentStatus.Issued } intent)
        {
            await CompleteAsync(intent, null, cancellationToken);
        }
    }

    /// <summary>Whether this step of this phase has recorded any side effect (so it has acted before).</summary>
    public bool HasActed => run.Intents.Any(i => i.Phase == run.Phase && i.Step == run.Step.ToString());

    private string Qualified(string key) => $"{run.Step}:{key}";

    private async Task<IntentRecord> RecordAsync(string key, string description, CancellationToken cancellationToken)
    {
        var intent = new IntentRecord
        {
            Phase = run.Phase,
            Step = run.Step.ToString(),
            Key = Qualified(key),
            Description = description,
            Status = IntentStatus.Recorded,
            RecordedAt = time.GetUtcNow(),
        };
        run.Intents.Add(intent);
        await store.SaveIntentAsync(run.Id, intent, lease.Fence, cancellationToken);
        return intent;
    }

    private async Task IssueAsync(IOvmManager manager, IntentRecord intent, OvmOperation operation, CancellationToken cancellationToken)
    {
        OvmJobTicket ticket;
        try
        {
            lease.ThrowIfNotSafe(time);
            ticket = await manager.StartAsync(operation, cancellationToken);
        }
        catch (OvmFaultException fault) when (fault.Kind != OvmFaultKind.Unreachable)
        {
            // Oracle VM refused the call outright: no job exists, so a retry may call again.
            await FailAsync(intent, fault.Message, cancellationToken);
            throw new StepFailure($"{intent.Description} was refused: {fault.Message}");
        }

        intent.JobId = ticket.JobId;
        intent.Status = IntentStatus.Issued;
        await store.SaveIntentAsync(run.Id, intent, lease.Fence, cancellationToken);
    }

    private async Task<OvmJobResult> AwaitJobAsync(IOvmManager manager, IntentRecord intent, CancellationToken cancellationToken)
    {
        var result = await manager.WaitForJobAsync(intent.JobId!, settings.JobTimeout, durations.Expected(intent.Key), cancellationToken);
        switch (result.State)
        {
            case OvmJobState.Succeeded:
                await CompleteAsync(intent, result.ResultId, cancellationToken);
                durations.Learn([intent]);
                return result;
            case OvmJobState.Hung or OvmJobState.InProgress:
                throw new StepFailure(
                    $"Job {intent.JobId} ({intent.Description}) is still In Progress after {settings.JobTimeout}. " +
                    "Oracle VM does not roll back jobs: check it in Oracle VM Manager, then retry (waits for the same job), roll back or abort.");
            default:
                var code = result.ErrorCode is null ? "" : $" [{result.ErrorCode}]";
                await FailAsync(intent, $"{result.ErrorMessage}{code}", cancellationToken);
                throw new StepFailure($"Job {intent.JobId} ({intent.Description}) failed{code}: {result.ErrorMessage}");
        }
    }

    private async Task CompleteAsync(IntentRecord intent, string? resultId, CancellationToken cancellationToken)
    {
        intent.Status = IntentStatus.Completed;
        intent.ResultId = resultId ?? intent.ResultId;
        intent.CompletedAt = time.GetUtcNow();
        await store.SaveIntentAsync(run.Id, intent, lease.Fence, cancellationToken);
    }

    private async Task FailAsync(IntentRecord intent, string error, CancellationToken cancellationToken)
    {
        intent.Status = IntentStatus.Failed;
        intent.Error = error;
        intent.CompletedAt = time.GetUtcNow();
        await store.SaveIntentAsync(run.Id, intent, lease.Fence, cancellationToken);
    }

    private static StepFailure Ambiguous(IntentRecord intent, string observed) =>
        new($"'{intent.Description}' was about to be issued when the bot stopped, and whether it went out is unknown: looked, and {observed}. " +
            "Check Oracle VM Manager's jobs and the host; retry asks for it again if it is still not seen, or roll back.");
}
