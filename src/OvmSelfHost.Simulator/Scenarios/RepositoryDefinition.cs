namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record RepositoryDefinition(string Name, string Export, List<string> PresentedTo, List<DiskDefinition>? Isos, List<VmDefinition>? Vms);
