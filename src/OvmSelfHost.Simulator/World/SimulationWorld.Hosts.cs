using OvmSelfHost.Simulator.Hosts;
using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.World;

internal sealed partial class SimulationWorld
{
    public const string ConfigPath = "/u01/app/oracle/ovm-manager-3/.config";

    public bool IsReachable(SimHost host) => HostUpSince(host.Name) is not null;

    /// <summary>Facts of a host; a VM host's memory and CPUs are those of its VM (null while unreachable).</summary>
    public HostFacts? FactsOf(SimHost host)
    {
        if (host.Kind == HostKind.Physical) return host.PhysicalFacts;
        var vm = HostVm(host.Name);
        return vm is null
            ? null
            : new HostFacts(InferredChoices.VmGuestOsRelease, "x86_64", vm.Memory, vm.CpuCount, InferredChoices.VmGuestSwapMb, InferredChoices.VmGuestFreeMb);
    }

    /// <summary>The environment a host lives in (a VM host: the environment of the pool its VM runs in).</summary>
    public string? EnvironmentOf(SimHost host) =>
        host.Kind == HostKind.Physical ? host.Environment : HostVm(host.Name)?.Server?.Environment;

    public SimManager? ManagerOn(SimHost host) =>
        Managers.LastOrDefault(m => string.Equals(m.HostName, host.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Service states of a host: ovmm follows its manager, the others are kept on the host.</summary>
    public IReadOnlyDictionary<string, bool> ServicesOf(SimHost host)
    {
        var services = new Dictionary<string, bool>(host.Services, StringComparer.Ordinal);
        if (ManagerOn(host) is { } m)
        {
            services["ovmm"] = m.ServiceRunning;
        }
        return services;
    }

    /// <summary>Whether the VM has an Oracle VM Manager installer ISO mapped as a CD-ROM.</summary>
    public bool HasInstallerIsoMounted(Vm vm) =>
        Store.All<VmDiskMapping>().Any(m => m.Vm == vm && m.Disk is { IsIso: true } d
            && d.Name.StartsWith(InferredChoices.InstallerIsoPrefix, StringComparison.OrdinalIgnoreCase));
}
