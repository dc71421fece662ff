namespace OvmSelfHost.Scheduling;

/// <summary><c>MaintenanceWindows</c>: the named windows migrations may be scheduled into.</summary>
public sealed class MaintenanceWindowsOptions : List<MaintenanceWindowOptions>
{
    public const string SectionName = "MaintenanceWindows";
}
