using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>A virtual machine or a template (<c>vmRunState: TEMPLATE</c>). Its configuration lives in its repository.</summary>
internal sealed class Vm : ModelObject
{
    public override string TypeName => "Vm";
    public string RunState { get; set; } = "STOPPED";
    public Repository? Repository { get; set; }
    public ServerPool? Pool { get; set; }
    public Server? Server { get; set; }
    public long Memory { get; set; } = 1024;
    public long MemoryLimit { get; set; } = 1024;
    public long CpuCount { get; set; } = 1;
    public long CpuCountLimit { get; set; } = 1;
    public long CpuPriority { get; set; } = 50;
    public long CpuUtilizationCap { get; set; } = 100;
    public bool HighAvailability { get; set; }
    public string OsType { get; set; } = "Oracle Linux 7";
    public string VmDomainType { get; set; } = "XEN_HVM_PV_DRIVERS";
    public string VmStartPolicy { get; set; } = "USE_POOL_POLICY";
    public string VmMouseType { get; set; } = "OS_DEFAULT";
    public string KeymapName { get; set; } = "en-us";
    public List<string> BootOrder { get; set; } = ["DISK"];

    /// <summary>When the guest last booted (used for the manager host a VM may carry).</summary>
    public DateTimeOffset? BootedAt { get; set; }

    /// <summary>An HA VM whose server failed with no other server to take it: restarted when one comes back.</summary>
    public bool PendingHaRestart { get; set; }

    /// <summary>When the pool master restarts this HA VM after its server failed (after fencing); null when none is due.</summary>
    public DateTimeOffset? HaRestartDueAt { get; set; }

    /// <summary>End of the stop-and-copy pause of the last live migration: the guest answers nothing before it.</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    public bool IsTemplate => RunState == "TEMPLATE";

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["vmRunState"] = RunState;
        o["memory"] = Memory;
        o["memoryLimit"] = MemoryLimit;
        o["cpuCount"] = CpuCount;
        o["cpuCountLimit"] = CpuCountLimit;
        o["cpuPriority"] = CpuPriority;
        o["cpuUtilizationCap"] = CpuUtilizationCap;
        o["hugePagesEnabled"] = false;
        o["highAvailability"] = HighAvailability;
        o["bootOrder"] = new JsonArray(BootOrder.Select(b => (JsonNode?)b).ToArray());
        o["vmMouseType"] = VmMouseType;
        o["osType"] = OsType;
        o["vmDomainType"] = VmDomainType;
        o["diskLimit"] = 4;
        o["vmDiskMappingIds"] = c.Refs(c.All<VmDiskMapping>().Where(m => m.Vm == this).OrderBy(m => m.DiskTarget));
        o["virtualNicIds"] = c.Refs(c.All<VirtualNic>().Where(n => n.Vm == this));
        o["repositoryId"] = c.Ref(Repository);
        o["serverPoolId"] = c.Ref(Pool);
        o["serverId"] = c.Ref(Server);
        o["vmStartPolicy"] = VmStartPolicy;
        o["keymapName"] = KeymapName;
        o["networkInstallPath"] = "";
        o["vmCloneDefinitionIds"] = new JsonArray();
        o["affinityGroupIds"] = new JsonArray();
        o["origin"] = "";
        o["restartActionOnCrash"] = "RESTART";
        o["restartActionOnPowerOff"] = "STOP";
        o["restartActionOnRestart"] = "RESTART";
        o["currentMemory"] = RunState == "RUNNING" ? Memory : 0;
        o["currentCpuCount"] = RunState == "RUNNING" ? CpuCount : 0;
        o["vmConfigFileAbsolutePath"] = Repository is null ? null : $"/OVS/Repositories/{Repository.Id}/VirtualMachines/{Id}/vm.cfg";
    }

    public override void Modify(JsonObject body)
    {
        base.Modify(body);
        ApplySettings(body);
    }

    /// <summary>The settable fields of create and modify bodies.</summary>
    public void ApplySettings(JsonObject body)
    {
        Memory = body.Long("memory") ?? Memory;
        MemoryLimit = body.Long("memoryLimit") ?? Math.Max(MemoryLimit, Memory);
        CpuCount = body.Long("cpuCount") ?? CpuCount;
        CpuCountLimit = body.Long("cpuCountLimit") ?? Math.Max(CpuCountLimit, CpuCount);
        CpuPriority = body.Long("cpuPriority") ?? CpuPriority;
        CpuUtilizationCap = body.Long("cpuUtilizationCap") ?? CpuUtilizationCap;
        HighAvailability = body.Bool("highAvailability") ?? HighAvailability;
        OsType = body.Str("osType") ?? OsType;
        VmDomainType = body.Str("vmDomainType") ?? VmDomainType;
        VmStartPolicy = body.Str("vmStartPolicy") ?? VmStartPolicy;
        VmMouseType = body.Str("vmMouseType") ?? VmMouseType;
        KeymapName = body.Str("keymapName") ?? KeymapName;
        var boot = body.Strings("bootOrder");
        BootOrder = boot.Count > 0 ? [.. boot] : BootOrder;
    }
}
