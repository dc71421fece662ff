using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Invariants;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Completes guide step 2 where it is missing: discovers the listed servers, adds them to the
/// clustered pool and presents the repository to them. Creating the pool and its NFS storage is
/// left to a person: it needs storage decisions the bot cannot make.
/// </summary>
public sealed class PrepareHostingEnvironmentStep : IStepHandler
{
    public StepKind Kind => StepKind.PrepareHostingEnvironment;

    /// <summary>Done when the pool is clustered with its servers and the repository is presented to all of them.</summary>
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        var plan = context.HostingPlan;
        var inventory = await context.HostingManager.GetInventoryAsync(cancellationToken);
        if (IsReady(inventory, plan.HostingPool, plan.HostingRepository))
        {
            return StepObservation.Done(Ready(context, inventory, "").Message);
        }

        var pool = inventory.Pool(plan.HostingPool);
        return StepObservation.NotDone(pool is null
            ? $"{plan.Name} has no pool named {plan.HostingPool}."
            : $"pool {pool.Name} has {pool.ServerIds.Count} servers{(pool.Clustered ? "" : " and is not clustered")}; the repository is not yet presented to all of them.");
    }

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var plan = context.HostingPlan;
        var manager = context.HostingManager;
        var inventory = await manager.GetInventoryAsync(cancellationToken);

        var pool = inventory.Pool(plan.HostingPool);
        if (pool is null || !pool.Clustered)
        {
            return StepOutcome.Failed($"{plan.Name} has no clustered pool named {plan.HostingPool}. Create it with its pool file system (guide step 2), then retry.");
        }

        foreach (var name in plan.ServersToDiscover ?? [])
        {
            if (!inventory.Servers.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                await context.RunJobAsync(manager, $"discover:{name}", new DiscoverServer(name), cancellationToken);
            }
        }

        inventory = await manager.GetInventoryAsync(cancellationToken);
        foreach (var server in inventory.Servers.Where(s => s.PoolId is null && InPlan(plan.ServersToDiscover, s.Name)))
        {
            await context.RunJobAsync(manager, $"add:{server.Id}", new AddServerToPool(pool.Id, server.Id), cancellationToken);
        }

        inventory = await manager.GetInventoryAsync(cancellationToken);
        if (inventory.Repository(plan.HostingRepository) is not { } repository)
        {
            return StepOutcome.Failed($"{plan.Name} has no repository named {plan.HostingRepository}. Create it (guide step 2), then retry.");
        }

        foreach (var serverId in inventory.Pool(plan.HostingPool)!.ServerIds.Except(repository.PresentedServerIds))
        {
            await context.RunJobAsync(manager, $"present:{serverId}", new PresentRepository(repository.Id, serverId), cancellationToken);
        }

        inventory = await manager.GetInventoryAsync(cancellationToken);
        return IsReady(inventory, plan.HostingPool, plan.HostingRepository)
            ? Ready(context, inventory, "Prepared: ")
            : StepOutcome.Failed(HighAvailabilityRule.PoolViolation(inventory.Pool(plan.HostingPool), plan.HostingPool) ?? "The repository is not presented to every server of the pool.");
    }

    private static bool InPlan(IReadOnlyList<string>? names, string name) =>
        names?.Contains(name, StringComparer.OrdinalIgnoreCase) == true;

    private static bool IsReady(EnvironmentInventory inventory, string poolName, string repositoryName)
    {
        var pool = inventory.Pool(poolName);
        var repository = inventory.Repository(repositoryName);
        return HighAvailabilityRule.PoolViolation(pool, poolName) is null
               && repository is not null
               && pool!.ServerIds.All(repository.PresentedServerIds.Contains);
    }

    private static StepOutcome Ready(StepContext context, EnvironmentInventory inventory, string prefix)
    {
        var pool = inventory.Pool(context.HostingPlan.HostingPool)!;
        context.Facts.HostingPoolId = pool.Id;
        context.Facts.HostingRepositoryId = inventory.Repository(context.HostingPlan.HostingRepository)!.Id;
        return StepOutcome.Succeeded($"{prefix}pool {pool.Name} is clustered with {pool.ServerIds.Count} servers and repository {context.HostingPlan.HostingRepository} is presented to all of them.");
    }
}
