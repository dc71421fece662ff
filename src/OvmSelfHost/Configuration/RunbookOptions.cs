namespace OvmSelfHost.Configuration;

/// <summary><c>Runbook</c>: limits and timeouts of the procedure.</summary>
public sealed class RunbookOptions
{
    public const string SectionName = "Runbook";

    public int MaximumVmsForMinimal { get; set; } = 20;
    public int MaximumRepositoriesForMinimal { get; set; } = 2;
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan ManagerStartTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan ManagerStopTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The HA drill fails when the moved manager does not answer again within this pause.</summary>
    public TimeSpan DrillMaximumPause { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the HA drill asks the manager for its status while its VM moves.</summary>
    public TimeSpan DrillProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a step waits for HA to restart the new manager VM after its server failed.</summary>
    public TimeSpan HaRestartTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often old managers are looked at while a gate waits after a cutover.</summary>
    public TimeSpan OldManagerWatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Nobody approves both cutovers (StopOldManager of phase 1 and phase 2) of one migration.</summary>
    public bool SeparateCutoverApprovers { get; set; }

    /// <summary>Time policy per gate name (a step's gate, AcknowledgeNonMinimal, AcceptDifferences, AcceptFailedDrill, Rollback); a gate not listed waits as long as it takes.</summary>
    public Dictionary<string, GateTimeOptions> GateTime { get; set; } = [];

    /// <summary>Expected duration per step name (hh:mm:ss), until the step has run and its own history says.</summary>
    public Dictionary<string, TimeSpan> ExpectedDurations { get; set; } = [];

    /// <summary>
    /// Expected duration per kind of Oracle VM job (hh:mm:ss), named step dot verb since ':' separates configuration
    /// sections (e.g. <c>Rediscover.discover</c>), until jobs of that kind have completed here (what is learned is
    /// shared by every replica through the database).
    /// </summary>
    public Dictionary<string, TimeSpan> ExpectedJobDurations { get; set; } = [];
}
