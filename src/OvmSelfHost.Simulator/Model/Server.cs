using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>An Oracle VM Server. Its owner (<see cref="ManagerUuid"/>) lives in the agent database, i.e. on the hardware.</summary>
internal sealed class Server : ModelObject
{
    public override string TypeName => "Server";
    public required string IpAddress { get; init; }
    public required string Hostname { get; init; }
    public string AgentPassword { get; init; } = "Welcome1";
    public string? ManagerUuid { get; set; }
    public string RunState { get; set; } = "RUNNING";
    public ServerPool? Pool { get; set; }
    public FileServer? LocalFileServer { get; set; }
    public StorageArray? LocalStorageArray { get; set; }
    public int MemoryMb { get; set; } = 65536;

    /// <summary>What the hypervisor leaves for VMs (the <c>usableMemory</c> field): dom0 keeps the rest.</summary>
    public int UsableMemoryMb => Math.Max(0, MemoryMb - 2048);
    public int Cores { get; init; } = 16;

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["serverRunState"] = RunState;
        o["ipAddress"] = IpAddress;
        o["hostname"] = Hostname;
        o["serverRoles"] = new JsonArray("UTILITY", "VM");
        o["maintenanceMode"] = false;
        o["agentLogin"] = "oracle";
        o["processorType"] = "X86_64";
        o["totalProcessorCores"] = Cores;
        o["enabledProcessorCores"] = Cores;
        o["memory"] = MemoryMb;
        o["usableMemory"] = UsableMemoryMb;
        o["ovmVersion"] = "3.4.6-2105";
        o["managerUuid"] = ManagerUuid;
        o["manufacturer"] = "Oracle Corporation";
        o["productName"] = "SUN SERVER X7-2 (simulated)";
        o["hypervisor"] = new JsonObject { ["capabilities"] = new JsonArray("HVM", "PVM"), ["version"] = "4.4.4OVM", ["type"] = "XEN" };
        o["serverPoolId"] = c.Ref(Pool);
        o["clusterId"] = c.Ref(Pool?.Cluster);
        o["vmIds"] = c.Refs(c.All<Vm>().Where(v => v.Server == this));
        o["networkIds"] = c.Refs(c.All<Network>().Where(n => n.Servers.Contains(this)));
        o["localFileServerId"] = c.Ref(LocalFileServer);
        o["localStorageArrayId"] = c.Ref(LocalStorageArray);
        o["repositoryExportIds"] = new JsonArray();
        o["fileSystemMountIds"] = new JsonArray();
        o["serverUpToDate"] = true;
        o["protected"] = false;
        o["serverAbilities"] = new JsonObject { ["cluster"] = true, ["nfs"] = true, ["highAvailability"] = true, ["vmSuspend"] = true };
    }
}
