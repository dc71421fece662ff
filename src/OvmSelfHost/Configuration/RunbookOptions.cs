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
}
