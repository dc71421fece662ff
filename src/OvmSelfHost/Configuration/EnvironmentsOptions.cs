namespace OvmSelfHost.Configuration;

/// <summary><c>Environments</c>: each configured Oracle VM environment by name (a dictionary, so that the names are the section's keys).</summary>
public sealed class EnvironmentsOptions() : Dictionary<string, EnvironmentOptions>(StringComparer.OrdinalIgnoreCase)
{
    public const string SectionName = "Environments";
}
