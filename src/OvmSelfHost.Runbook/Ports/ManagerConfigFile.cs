namespace OvmSelfHost.Runbook.Ports;

/// <summary>The <c>KEY=VALUE</c> lines of a manager's <c>.config</c>.</summary>
public sealed record ManagerConfigFile(IReadOnlyDictionary<string, string> Values)
{
    public string? Uuid => Values.TryGetValue("UUID", out var uuid) ? uuid : null;
}
