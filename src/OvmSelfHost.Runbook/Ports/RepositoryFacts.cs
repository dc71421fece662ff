namespace OvmSelfHost.Runbook.Ports;

public sealed record RepositoryFacts(string Id, string Name, string? OwnerManagerUuid, IReadOnlyList<string> PresentedServerIds);
