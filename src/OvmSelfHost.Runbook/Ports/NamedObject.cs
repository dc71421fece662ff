namespace OvmSelfHost.Runbook.Ports;

public sealed record NamedObject(string Id, string Name);
