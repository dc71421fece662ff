using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

public sealed partial class WsApiOvmManager
{
    /// <summary>
    /// Clones the template into the pool and repository (job 1, awaited, skipped when a VM of that name already
    /// is in the pool), adds a vNIC on the network when asked and missing (awaited), then modifies the VM to the
    /// asked memory, CPUs and HA flag: that last job's ticket is returned. The template's disk is kept as it is;
    /// <see cref="CreateManagerVm.DiskGigabytes"/> is not applied (the WS-API has no resize the simulator serves).
    /// </summary>
    private async Task<OvmJobTicket> CreateManagerVmAsync(CreateManagerVm create, CancellationToken cancellationToken)
    {
        var vms = await Read(_api.GetVms, "list VMs", cancellationToken);
        var vmId = vms.FirstOrDefault(v => !v.IsTemplate && v.Name == create.Name && v.ServerPoolId?.Value == create.PoolId)?.IdValue
            ?? await CloneTemplateAsync(create, vms, cancellationToken);

        if (create.NetworkId is { } networkId)
        {
            await EnsureNicAsync(vmId, networkId, cancellationToken);
        }

        var vm = await Read(ct => _api.GetVm(vmId, ct), $"read VM {create.Name}", cancellationToken);
        var changed = vm with
        {
            Memory = create.MemoryMegabytes,
            MemoryLimit = Math.Max(create.MemoryMegabytes, vm.MemoryLimit ?? 0),
            CpuCount = create.Cpus,
            CpuCountLimit = Math.Max(create.Cpus, vm.CpuCountLimit ?? 0),
            HighAvailability = create.HighAvailability,
        };
        return await SubmitAsync(() => _api.ModifyVm(vmId, changed, cancellationToken), create);
    }

    /// <summary>Clones the template on its own and returns the clone job's ticket (the template is found as for <see cref="CreateManagerVm"/>).</summary>
    private async Task<OvmJobTicket> CloneVmAsync(CloneVm clone, CancellationToken cancellationToken)
    {
        var vms = await Read(_api.GetVms, "list VMs", cancellationToken);
        var template = Template(vms, clone.TemplateName, clone.RepositoryId);
        return await SubmitAsync(() => _api.CloneVm(template.IdValue, clone.PoolId, clone.RepositoryId, false, clone.Name, cancellationToken), clone);
    }

    private Vm Template(IReadOnlyList<Vm> vms, string templateName, string repositoryId)
    {
        var templates = vms.Where(v => v.IsTemplate && v.Name == templateName).ToList();
        return templates.FirstOrDefault(t => t.RepositoryId?.Value == repositoryId) ?? templates.FirstOrDefault()
            ?? throw new OvmFaultException(
                OvmFaultKind.NotFound,
                $"{_endpoint.Label} has no template named '{templateName}'; import it into repository {repositoryId} and refresh the repository.");
    }

    private async Task<string> CloneTemplateAsync(CreateManagerVm create, IReadOnlyList<Vm> vms, CancellationToken cancellationToken)
    {
        var template = Template(vms, create.TemplateName, create.RepositoryId);
        return await RunToEndAsync(
                () => _api.CloneVm(template.IdValue, create.PoolId, create.RepositoryId, false, create.Name, cancellationToken),
                $"clone template {create.TemplateName} as {create.Name}",
                cancellationToken)
            ?? throw NoResult("VM");
    }

    private async Task EnsureNicAsync(string vmId, string networkId, CancellationToken cancellationToken)
    {
        var nics = await Read(ct => _api.GetVirtualNics(vmId, ct), $"list the vNICs of VM {vmId}", cancellationToken);
        if (nics.Any(n => n.NetworkId?.Value == networkId))
        {
            return;
        }

        var nic = new VirtualNic { NetworkId = SimpleId.Of("Network", networkId) };
        await RunToEndAsync(() => _api.AddVirtualNic(vmId, nic, cancellationToken), $"add a vNIC on network {networkId} to VM {vmId}", cancellationToken);
    }

    public async Task<bool?> IsIsoAttachedAsync(AttachIso attach, CancellationToken cancellationToken)
    {
        var iso = await FindIsoAsync(attach, cancellationToken);
        var mappings = await Read(ct => _api.GetVmDiskMappings(attach.VmId, ct), $"list the disk mappings of VM {attach.VmId}", cancellationToken);
        return mappings.Any(m => m.VirtualDiskId?.Value == iso.IdValue);
    }

    private async Task<VirtualDisk> FindIsoAsync(AttachIso attach, CancellationToken cancellationToken)
    {
        var disks = await Read(ct => _api.GetRepositoryVirtualDisks(attach.RepositoryId, ct), $"list the disks of repository {attach.RepositoryId}", cancellationToken);
        return disks.FirstOrDefault(d => d.Name == attach.IsoName && !string.Equals(d.DiskType, "VIRTUAL_DISK", StringComparison.OrdinalIgnoreCase))
            ?? throw new OvmFaultException(
                OvmFaultKind.NotFound, $"Repository {attach.RepositoryId} on {_endpoint.Label} has no ISO named '{attach.IsoName}'; import it and refresh the repository.");
    }

    private async Task<OvmJobTicket> AttachIsoAsync(AttachIso attach, CancellationToken cancellationToken)
    {
        var iso = await FindIsoAsync(attach, cancellationToken);
        var mappings = await Read(ct => _api.GetVmDiskMappings(attach.VmId, ct), $"list the disk mappings of VM {attach.VmId}", cancellationToken);
        var mapping = new VmDiskMapping
        {
            VirtualDiskId = SimpleId.Of("VirtualDisk", iso.IdValue),
            DiskTarget = mappings.Count == 0 ? 0 : mappings.Max(m => m.DiskTarget) + 1,
            DiskWriteMode = "READ_ONLY",
            EmulatedBlockDevice = false,
        };
        return await SubmitAsync(() => _api.AddDiskMapping(attach.VmId, mapping, cancellationToken), attach);
    }
}
