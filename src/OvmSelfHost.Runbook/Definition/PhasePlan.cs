namespace OvmSelfHost.Runbook.Definition;

/// <summary>
/// One of the two mirrored phases: the manager of <see cref="Target"/> moves into a VM hosted by
/// <see cref="Hosting"/>, created through the manager that currently runs <see cref="Hosting"/>.
/// </summary>
public sealed record PhasePlan(int Number, string Target, string Hosting)
{
    /// <summary>Phase 2's hosting environment was itself taken over by its replacement in phase 1.</summary>
    public Ports.ManagerRole HostingManagerRole => Number == 1 ? Ports.ManagerRole.Original : Ports.ManagerRole.Replacement;

    public string Describe() => $"phase {Number}: {Target}'s manager moves into a VM hosted by {Hosting}";
}
