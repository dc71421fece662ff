namespace OvmSelfHost.Runbook.Steps;

/// <summary>What a look at the new manager VM found when it is not simply running where the run last saw it.</summary>
/// <param name="Seen">In words for the step's output and the journal.</param>
public sealed record HostingInterruption(HostingInterruptionKind Kind, string Seen)
{
    /// <summary>Down or missing: HA has not (yet) restarted it, so the run waits.</summary>
    public bool IsDown => Kind == HostingInterruptionKind.VmDown;
}
