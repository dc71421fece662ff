using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.TestSupport.Fakes;

/// <summary>One Oracle VM environment as the fakes see it: what lives on its hardware, and who owns it.</summary>
public sealed class FakeEnvironment
{
    public FakeEnvironment(string name, string uuid)
    {
        Name = name;
        OriginalUuid = uuid;
        var l = name.ToLowerInvariant();
        Servers = [new($"srv-{l}1", $"ovs-{l}1", $"pool-{l}", uuid, "RUNNING"), new($"srv-{l}2", $"ovs-{l}2", $"pool-{l}", uuid, "RUNNING")];
        Pools = [new($"pool-{l}", $"pool-{l}", true, [$"srv-{l}1", $"srv-{l}2"])];
        Repositories = [new($"repo-{l}", $"repo-{l}", uuid, [$"srv-{l}1", $"srv-{l}2"])];
        Vms = [new($"vm-{l}-web", $"web-{l}", $"pool-{l}", $"srv-{l}1", "RUNNING", false, $"repo-{l}")];
        Disks = [new($"disk-{l}-web", $"web-{l}.img")];
        // The guest OS template and the installer ISO the other environment's manager VM is made from (checked at
        // preflight), under the names the engine harness and the repository's appsettings.json use.
        foreach (var (template, iso, suffix) in new[] { ("OL7-template", "ovmm-installer.iso", ""), ("OL7U9-ovmm-template", "OracleVM-Manager-3.4.6-installer.iso", "-u9") })
        {
            Vms.Add(new($"tmpl-{l}{suffix}", template, null, null, "TEMPLATE", false, $"repo-{l}"));
            Disks.Add(new($"iso-{l}{suffix}", iso));
        }
    }

    public string Name { get; }
    public string OriginalUuid { get; set; }
    public List<ServerFacts> Servers { get; }
    public List<PoolFacts> Pools { get; }
    public List<RepositoryFacts> Repositories { get; }
    public List<VmFacts> Vms { get; }
    public List<NamedObject> Disks { get; }

    public bool OriginalRunning { get; set; } = true;
    public string ConfigUuid { get; set; } = "";

    public string? ReplacementUuid { get; set; }
    public bool ReplacementRunning { get; set; }
    public HashSet<string> DiscoveredByReplacement { get; } = [];

    /// <summary>An installer left running on the replacement VM (started before a crash): how many more looks it keeps running.</summary>
    public int InstallerRunningLooks { get; set; }

    /// <summary>The UUID the running installer writes when it ends.</summary>
    public string? RunningInstallerUuid { get; set; }

    /// <summary>The owner recorded on the hardware: a manager that discovers takes unowned or same-UUID servers.</summary>
    public string HardwareOwner { get; set; } = "";

    public EnvironmentInventory Inventory(string uuid) => new(
        uuid, Servers.ToList(), Pools.ToList(), Repositories.ToList(), Vms.ToList(), Disks.ToList(),
        [new("net-1", "192.168.1.0")], [new("nfs-1", "nfs")], []);
}
