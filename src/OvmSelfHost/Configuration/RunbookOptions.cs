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

    /// <summary>Expected duration per step name (hh:mm:ss), until the step has run and its own history says.</summary>
    public Dictionary<string, TimeSpan> ExpectedDurations { get; set; } = [];
}
