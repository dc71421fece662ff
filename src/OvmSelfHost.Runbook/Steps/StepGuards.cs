using System.Runtime.ExceptionServices;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// What every step boundary checks, whatever the step: no old manager runs again after its cutover
/// (invariant 7), and the new manager VM still runs where the run last saw it; a step that failed
/// because that VM's server failed waits for HA, then observes and acts again, once.
/// </summary>
public static class StepGuards
{
    public static async Task<StepOutcome> RunAsync(StepContext context, Func<Task<StepOutcome>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        await OldManagerWatch.EnsureDownAsync(context, cancellationToken);
        var note = "";
        if (await InterruptionAsync(context, cancellationToken) is { } before)
        {
            await HostingVmWatch.WaitForHaAsync(context, before, cancellationToken);
            note = $" (HA: {before.Seen}; waited for it before the step)";
        }

        var (outcome, failure) = await TryAsync(step);
        if (outcome is not StepFailedOutcome && failure is null)
        {
            return Annotated(outcome!, note);
        }

        if (await InterruptionAsync(context, cancellationToken) is not { } during)
        {
            failure?.Throw();
            return outcome!;
        }

        await HostingVmWatch.WaitForHaAsync(context, during, cancellationToken);
        await OldManagerWatch.EnsureDownAsync(context, cancellationToken);
        return Annotated(await step(), $" (HA: {during.Seen} during the step; it looked again after HA restarted it)");
    }

    private static async Task<(StepOutcome? Outcome, ExceptionDispatchInfo? Failure)> TryAsync(Func<Task<StepOutcome>> step)
    {
        try
        {
            return (await step(), null);
        }
        catch (Exception e) when (e is StepFailure or OvmFaultException)
        {
            return (null, ExceptionDispatchInfo.Capture(e));
        }
    }

    /// <summary>An interruption seen by a look that itself may fail while the hosting manager is unreachable: then nothing is concluded.</summary>
    private static async Task<HostingInterruption?> InterruptionAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await HostingVmWatch.InterruptionAsync(context, cancellationToken);
        }
        catch (OvmFaultException)
        {
            return null;
        }
    }

    private static StepOutcome Annotated(StepOutcome outcome, string note) => note.Length == 0 ? outcome : outcome switch
    {
        StepSucceeded s => s with { Message = s.Message + note },
        StepSkipped s => s with { Message = s.Message + note },
        StepFailedOutcome f => f with { Message = f.Message + note },
        StepNeedsAcknowledgement a => a with { Message = a.Message + note },
        _ => outcome,
    };
}
