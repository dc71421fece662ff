using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Invariants;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Creates and starts the HA VM that will run the target's manager, checking invariants 1 and 3 around it.</summary>
public sealed class CreateManagerVmStep : IStepHandler
{
    public StepKind Kind => StepKind.CreateManagerVm;

    /// <summary>
    /// Done when the planned VM exists, was created by this migration, has HA on in the hosting pool and runs;
    /// a VM of that name this migration did not create is for a person to judge.
    /// </summary>
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        var name = context.TargetPlan.ReplacementVm.Name;
        var inventory = await context.HostingManager.GetInventoryAsync(cancellationToken);
        if (inventory.Vm(name) is not { } vm)
        {
            return NotThere(name, context);
        }

        if (context.Run.FindIntent(context.Run.Phase, $"{Kind}:clone") is null && context.Run.FindIntent(context.Run.Phase, $"{Kind}:create") is null)
        {
            return StepObservation.Undecided($"A VM named {name} already exists in {context.Plan.Hosting} ({vm.Id}) and was not created by this migration. Rename or remove it, then retry.");
        }

        var pool = inventory.Pool(context.HostingPlan.HostingPool);
        var ha = pool is null ? "the hosting pool is gone" : HighAvailabilityRule.VmViolation(vm, pool.Id);
        if (ha is not null || !string.Equals(vm.RunState, "RUNNING", StringComparison.OrdinalIgnoreCase))
        {
            return StepObservation.NotDone($"VM {name} ({vm.Id}) exists, {vm.RunState}{(ha is null ? "" : $"; {ha}")}: continuing from there.");
        }

        context.Facts.NewVmId = vm.Id;
        context.Facts.HostingPoolId = pool!.Id;
        context.Facts.HostingRepositoryId = inventory.Repository(context.HostingPlan.HostingRepository)?.Id ?? context.Facts.HostingRepositoryId;
        return StepObservation.Done($"VM {name} ({vm.Id}) exists in pool {pool.Name} with HA on and is {vm.RunState} on server {vm.ServerId}.");
    }

    private static StepObservation NotThere(string name, StepContext context) =>
        StepObservation.NotDone($"no VM named {name} in {context.Plan.Hosting}.");

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var facts = context.Facts;
        var vmPlan = context.TargetPlan.ReplacementVm;
        var hostingInventory = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var pool = hostingInventory.Pool(context.HostingPlan.HostingPool);
        var repository = hostingInventory.Repository(context.HostingPlan.HostingRepository);
        if (pool is null || repository is null)
        {
            return StepOutcome.Failed($"Pool {context.HostingPlan.HostingPool} or repository {context.HostingPlan.HostingRepository} is gone from {context.Plan.Hosting}.");
        }

        if (await SelfHostingAsync(context, pool.Id, cancellationToken) is { } violation)
        {
            return StepOutcome.Failed(violation);
        }

        var network = vmPlan.Network is null ? null : hostingInventory.Networks.FirstOrDefault(n => n.Name == vmPlan.Network)?.Id;
        var create = new CreateManagerVm(vmPlan.Name, pool.Id, repository.Id, vmPlan.Template, vmPlan.MemoryMegabytes, vmPlan.Cpus, vmPlan.DiskGigabytes, true, network);
        await context.RunJobAsync(context.HostingManager, "clone", new CloneVm(vmPlan.Template, vmPlan.Name, pool.Id, repository.Id), cancellationToken);
        var created = await context.RunJobAsync(context.HostingManager, "create", create, cancellationToken);
        var vmId = created.ResultId ?? (await context.HostingManager.GetInventoryAsync(cancellationToken)).Vm(vmPlan.Name)?.Id
                   ?? throw new StepFailure($"The create job {created.JobId} succeeded but no VM named {vmPlan.Name} is found.");
        facts.NewVmId = vmId;
        facts.HostingPoolId = pool.Id;
        facts.HostingRepositoryId = repository.Id;

        var readBack = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var problem = HighAvailabilityRule.VmViolation(readBack.Vm(vmId), pool.Id)
                      ?? HighAvailabilityRule.PoolViolation(readBack.Pool(context.HostingPlan.HostingPool), context.HostingPlan.HostingPool);
        if (problem is not null)
        {
            return StepOutcome.Failed($"HA is not really on: {problem}");
        }

        await context.RunJobAsync(context.HostingManager, "start", new StartVm(vmId), cancellationToken);
        var vm = (await context.HostingManager.GetInventoryAsync(cancellationToken)).Vm(vmId)!;
        return StepOutcome.Succeeded($"VM {vm.Name} ({vmId}) created in pool {pool.Name} with HA on (read back), {vm.RunState} on server {vm.ServerId}.");
    }

    /// <summary>Checked again right before creating: the pool may have changed hands since preflight.</summary>
    private static async Task<string?> SelfHostingAsync(StepContext context, string poolId, CancellationToken cancellationToken)
    {
        var hosting = await context.HostingManager.GetStatusAsync(cancellationToken);
        var target = await context.OldManager.GetStatusAsync(cancellationToken);
        var targetInventory = await context.OldManager.GetInventoryAsync(cancellationToken);
        return SelfHostingRule.Violation(context.Plan.Target, context.Plan.Hosting, hosting.ManagerUuid, target.ManagerUuid, poolId, targetInventory);
    }
}
