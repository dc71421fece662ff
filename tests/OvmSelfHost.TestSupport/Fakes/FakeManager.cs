using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.TestSupport.Fakes;

internal sealed class FakeManager(FakeOvm world, FakeEnvironment env, ManagerRole role) : IOvmManager
{
    private bool Running => role == ManagerRole.Original ? env.OriginalRunning : env.ReplacementRunning;
    private string Uuid => role == ManagerRole.Original ? env.OriginalUuid : env.ReplacementUuid ?? "";

    public Task<ManagerStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        EnsureUp();
        return Task.FromResult(new ManagerStatus($"mgr-{env.Name}-{role}", $"{env.Name} {role}", Uuid, "RUNNING"));
    }

    public Task<EnvironmentInventory> GetInventoryAsync(CancellationToken cancellationToken)
    {
        EnsureUp();
        if (role == ManagerRole.Original)
        {
            return Task.FromResult(env.Inventory(Uuid));
        }

        // A replacement sees what it discovered; servers owned by another UUID come back bare.
        var full = env.Inventory(Uuid);
        if (env.DiscoveredByReplacement.Count == 0)
        {
            return Task.FromResult(new EnvironmentInventory(Uuid, [], [], [], [], [], [], [], []));
        }

        if (env.HardwareOwner == Uuid)
        {
            return Task.FromResult(full);
        }

        return Task.FromResult(full with
        {
            Servers = full.Servers.Select(s => s with { PoolId = null, OwnerManagerUuid = env.HardwareOwner }).ToList(),
            Pools = [], Repositories = [], Vms = [], VirtualDisks = [],
        });
    }

    public Task<OvmJobTicket> StartAsync(OvmOperation operation, CancellationToken cancellationToken)
    {
        EnsureUp();
        world.Calls.Add($"{env.Name}/{role}: {operation.Describe()}");
        string? result = null;
        switch (operation)
        {
            case CloneVm clone:
                result = $"vm-{clone.Name}";
                env.Vms.Add(new VmFacts(result, clone.Name, clone.PoolId, null, "STOPPED", false, clone.RepositoryId));
                break;
            case CreateManagerVm create:
                var cloned = env.Vms.FirstOrDefault(v => v.Name == create.Name);
                result = cloned?.Id ?? $"vm-{create.Name}";
                var made = new VmFacts(result, create.Name, create.PoolId, null, "STOPPED", create.HighAvailability && !world.CreateWithoutHa, create.RepositoryId);
                if (cloned is null)
                {
                    env.Vms.Add(made);
                }
                else
                {
                    env.Vms[env.Vms.IndexOf(cloned)] = cloned with { HighAvailability = made.HighAvailability };
                }

                break;
            case StartVm start:
                var vm = env.Vms.Single(v => v.Id == start.VmId);
                env.Vms[env.Vms.IndexOf(vm)] = vm with { RunState = "RUNNING", ServerId = env.Pools.Single(p => p.Id == vm.PoolId).ServerIds[0] };
                break;
            case MigrateVm migrate:
                var moving = env.Vms.Single(v => v.Id == migrate.VmId);
                env.Vms[env.Vms.IndexOf(moving)] = moving with { ServerId = migrate.ServerId };
                break;
            case DiscoverServer discover:
                env.DiscoveredByReplacement.Add(discover.ServerName);
                break;
        }

        return Task.FromResult(new OvmJobTicket(world.NewJob(operation, result), operation.Describe()));
    }

    public Task<OvmJobResult> GetJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(world.Jobs[jobId]);

    public Task<OvmJobResult> WaitForJobAsync(string jobId, TimeSpan timeout, TimeSpan? expected, CancellationToken cancellationToken)
    {
        world.Calls.Add($"wait {jobId}");
        var job = world.Jobs[jobId];
        return Task.FromResult(job.State == OvmJobState.InProgress ? job with { State = OvmJobState.Hung } : job);
    }

    public Task<ManagerStatus> WaitUntilRunningAsync(TimeSpan timeout, CancellationToken cancellationToken) => GetStatusAsync(cancellationToken);

    private void EnsureUp()
    {
        if (!Running)
        {
            throw new OvmFaultException(OvmFaultKind.Unreachable, $"connection refused by {env.Name}'s {role} manager");
        }
    }
}
