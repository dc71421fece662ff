using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Reads what a step's gate asks people to check: the manager that runs the target environment (its
/// UUID and where it answers), the target's servers (pool, owner) and VMs (run state, pool), the
/// hosting environment's servers, the new manager VM (id, size, pool, HA, repository; or what is
/// planned before it exists), the UUID to install and a digest of the recorded inventory. Only what
/// a step acts on or relies on is read, never what moves by itself (a VM's server, a job's progress),
/// so an unchanged world always reads the same.
/// </summary>
public static class GateSnapshotReader
{
    public static async Task<GateSnapshot> ReadAsync(
        IOvmConnections ovm, MigrationRun run, RunbookSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var plan = run.CurrentPhase;
        var facts = run.CurrentFacts;
        var vmPlan = settings.Environment(plan.Target).ReplacementVm;
        var hostingPlan = settings.Environment(plan.Hosting);
        var list = new List<SnapshotFact>();

        var cutOver = run.StepAt(run.Phase, StepKind.StopOldManager).Status is StepStatus.Succeeded or StepStatus.Skipped;
        var targetRole = cutOver ? ManagerRole.Replacement : ManagerRole.Original;
        var targetManager = ovm.Manager(plan.Target, targetRole);
        var (status, statusFault) = await TryAsync(targetManager.GetStatusAsync, cancellationToken);
        list.Add(new($"{plan.Target}'s {(cutOver ? "new" : "current")} manager", status is null
            ? $"unreachable ({statusFault})"
            : $"UUID {status.ManagerUuid}, {status.RunState}, {status.Name}"));

        var (target, targetFault) = await TryAsync(targetManager.GetInventoryAsync, cancellationToken);
        if (target is null)
        {
            list.Add(new($"{plan.Target}'s inventory", $"unreadable ({targetFault})"));
        }
        else
        {
            list.AddRange(Servers(plan.Target, target));
            list.AddRange(target.Vms.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v =>
                new SnapshotFact($"{plan.Target} VM {v.Name}", $"{v.RunState}, pool {PoolName(target, v.PoolId)}")));
        }

        var (hosting, hostingFault) = await TryAsync(ovm.Manager(plan.Hosting, plan.HostingManagerRole).GetInventoryAsync, cancellationToken);
        if (hosting is null)
        {
            list.Add(new($"{plan.Hosting}'s inventory", $"unreadable ({hostingFault})"));
        }
        else
        {
            list.AddRange(Servers(plan.Hosting, hosting));
            var vm = facts.NewVmId is { } id ? hosting.Vm(id) : hosting.Vm(vmPlan.Name);
            list.Add(new($"new VM for {plan.Target}'s manager", vm is null
                ? $"planned: {vmPlan.Name}, {vmPlan.MemoryMegabytes} MB, {vmPlan.Cpus} CPUs, pool {hostingPlan.HostingPool}, HA on, repository {hostingPlan.HostingRepository}"
                : $"{vm.Name} ({vm.Id}), {(vm.MemoryMb is { } mb ? $"{mb} MB" : $"{vmPlan.MemoryMegabytes} MB planned")}, pool {PoolName(hosting, vm.PoolId)}, "
                  + $"HA {(vm.HighAvailability ? "on" : "off")}, repository {RepositoryName(hosting, vm.RepositoryId)}"));
        }

        if (facts.OldManagerUuid is { } uuid)
        {
            list.Add(new("UUID the new manager takes", uuid));
        }

        if (facts.RecordedInventory is { } recorded)
        {
            list.Add(new("recorded inventory", $"{recorded.Counts()}; SHA-256 {Digest(recorded)[..16]}"));
        }

        var step = Procedure.Step(run.Step);
        var description = $"phase {run.Phase} {run.Step}: {step.Title}, {plan.Target}'s manager into a VM hosted by {plan.Hosting}";
        return new GateSnapshot(run.Phase, GateKey.Of(run.Step), run.GateRound, time.GetUtcNow(), description, list);
    }

    private static IEnumerable<SnapshotFact> Servers(string environment, EnvironmentInventory inventory) =>
        inventory.Servers.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s =>
            new SnapshotFact($"{environment} server {s.Name}", $"pool {PoolName(inventory, s.PoolId)}, owned by {s.OwnerManagerUuid ?? "nobody"}"));

    private static string PoolName(EnvironmentInventory inventory, string? poolId) =>
        poolId is null ? "none" : inventory.Pools.FirstOrDefault(p => p.Id == poolId)?.Name ?? poolId;

    private static string RepositoryName(EnvironmentInventory inventory, string? id) =>
        id is null ? "none" : inventory.Repositories.FirstOrDefault(r => r.Id == id)?.Name ?? id;

    private static string Digest(EnvironmentInventory inventory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(inventory))));

    private static async Task<(T? Value, string? Fault)> TryAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await read(cancellationToken), null);
        }
        catch (OvmFaultException fault)
        {
            return (null, fault.Kind.ToString());
        }
    }
}
