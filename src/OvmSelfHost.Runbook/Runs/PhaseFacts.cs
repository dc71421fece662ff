using OvmSelfHost.Runbook.Inventory;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Runs;

/// <summary>What the steps of one phase learned and must hand to the later steps.</summary>
public sealed class PhaseFacts
{
    public string? HostingManagerUuid { get; set; }
    public string? OldManagerUuid { get; set; }
    public string? HostingPoolId { get; set; }
    public string? HostingRepositoryId { get; set; }
    public string? NewVmId { get; set; }
    public string? NewManagerUuid { get; set; }
    public EnvironmentInventory? RecordedInventory { get; set; }
    public InventoryDiff? Diff { get; set; }
    public List<string> Warnings { get; set; } = [];

    /// <summary>The server the new manager VM ran on when a step last looked (HA restarts are seen by a change).</summary>
    public string? ManagerVmServerId { get; set; }

    /// <summary>What each opening of a step's gate in this phase asked people to approve (and, when voided, why).</summary>
    public List<Gates.GateSnapshot> Snapshots { get; set; } = [];

    /// <summary>The time policy of each gate opening of this phase that has one: deadline, reminders, timeout.</summary>
    public List<Gates.GateClock> Clocks { get; set; } = [];

    /// <summary>What the HA drill measured, when it ran.</summary>
    public HaDrillResult? Drill { get; set; }
}
