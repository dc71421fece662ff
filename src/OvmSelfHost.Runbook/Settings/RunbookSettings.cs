using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Settings;

/// <summary>Everything the engine needs from configuration, validated by the host before it gets here.</summary>
public sealed record RunbookSettings
{
    public required IReadOnlyDictionary<string, EnvironmentPlan> Environments { get; init; }
    public GatePolicies Gates { get; init; } = new();
    public GuestRequirements Guest { get; init; } = new();

    /// <summary>Above these counts an environment is not "initial setup" (invariant 6) and needs an acknowledgement.</summary>
    public int MaximumVmsForMinimal { get; init; } = 20;
    public int MaximumRepositoriesForMinimal { get; init; } = 2;

    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan ManagerStartTimeout { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan ManagerStopTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The HA drill fails when the new manager does not answer RUNNING with its UUID within this pause after the move.</summary>
    public TimeSpan DrillMaximumPause { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the HA drill asks the new manager for its status while the VM moves.</summary>
    public TimeSpan DrillProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a step waits for HA to restart the new manager's VM (and its manager to run) after its server failed.</summary>
    public TimeSpan HaRestartTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the old managers are looked at while a gate waits after a cutover.</summary>
    public TimeSpan OldManagerWatchInterval { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Configured expected durations per step, used until a step has run before.</summary>
    public IReadOnlyDictionary<Definition.StepKind, TimeSpan> ExpectedDurations { get; init; } = new Dictionary<Definition.StepKind, TimeSpan>();

    /// <summary>
    /// Configured expected durations per kind of Oracle VM job (the step and the intent's verb, e.g. "Rediscover:discover"),
    /// used to time the read at a job's usual end until jobs of that kind have completed here.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> ExpectedJobDurations { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Which approvals need a fresh sign-in; null when no identity provider is configured.</summary>
    public FreshSignInRule? FreshSignIn { get; init; }

    public string ManagerService { get; init; } = "ovmm";
    public string DatabaseService { get; init; } = "ovmm_mysql";

    public EnvironmentPlan Environment(string name) =>
        Environments.TryGetValue(name, out var plan)
            ? plan
            : throw new KeyNotFoundException($"Environment '{name}' is not configured.");
}
