using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Readiness;

/// <summary>What the checks of one environment read, for the checks between the two (hosting, self-hosting).</summary>
internal sealed record EnvironmentLook(string Environment, ManagerRole Role, ManagerStatus Status, EnvironmentInventory Inventory);
