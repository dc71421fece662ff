using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Invariants;

public sealed class InvariantEnforcementTests
{
    /// <summary>With a gate on rediscovery, the run waits right after the cutover, where the tests change the world.</summary>
    private static async Task<(EngineHarness Harness, MigrationRun Run)> AtRediscoveryGateAsync()
    {
        var harness = new EngineHarness(new Dictionary<string, ApprovalPolicy> { ["Rediscover"] = ApprovalPolicy.OneApprover });
        var run = await harness.StartAsync();
        while (!(run.Step == StepKind.Rediscover && run.State == RunState.AwaitingApproval))
        {
            run = await harness.ApproveCurrentAsync(run.Id);
        }

        return (harness, run);
    }

    [Fact]
    public async Task Self_hosting_is_refused_at_preflight()
    {
        var harness = new EngineHarness();
        harness.Ovm.Environments["A"].OriginalUuid = harness.Ovm.Environments["B"].OriginalUuid;

        var run = await harness.StartAsync();

        Assert.Equal((RunState.Failed, StepKind.Preflight), (run.State, run.Step));
        Assert.Contains("Self-hosting refused", run.StatusMessage);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Self_hosting_is_checked_again_right_before_the_vm_is_created()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        Assert.Equal(StepKind.CreateManagerVm, run.Step);
        harness.Ovm.Environments["B"].Pools.Add(new PoolFacts("pool-a", "pool-a", true, ["srv-a1", "srv-a2"]));

        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.Failed, StepKind.CreateManagerVm), (run.State, run.Step));
        Assert.Contains("pool pool-a is managed by B's manager", run.StatusMessage);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hosting_pool_with_one_server_fails_the_ha_check()
    {
        var harness = new EngineHarness();
        var pool = harness.Ovm.Environments["A"].Pools[0];
        harness.Ovm.Environments["A"].Pools[0] = pool with { ServerIds = ["srv-a1"] };

        var run = await harness.StartAsync();

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("HA needs at least two", run.StatusMessage);
    }

    [Fact]
    public async Task A_vm_that_reads_back_without_ha_stops_the_phase()
    {
        var harness = new EngineHarness();
        harness.Ovm.CreateWithoutHa = true;
        var run = await harness.StartAsync();

        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.Failed, StepKind.CreateManagerVm), (run.State, run.Step));
        Assert.Contains("highAvailability false", run.StatusMessage);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("start VM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_config_uuid_that_disagrees_with_the_running_manager_is_refused_at_preflight_with_the_readiness_checks_text()
    {
        var harness = new EngineHarness();
        harness.Ovm.Environments["B"].ConfigUuid = "0004fb0000010000cccccccccccccccc";

        var run = await harness.StartAsync();

        Assert.Equal((RunState.Failed, StepKind.Preflight), (run.State, run.Step));
        Assert.Contains("[uuid:B] UUID in .config on the OriginalManager host is 0004fb0000010000cccccccccccccccc", run.StatusMessage);
        Assert.Contains("the replacement would be installed with the wrong UUID", run.StatusMessage);
        Assert.Empty(harness.Ovm.Calls);
    }

    [Fact]
    public async Task A_config_uuid_changed_after_preflight_stops_before_install()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        harness.Ovm.Environments["B"].ConfigUuid = "0004fb0000010000cccccccccccccccc";

        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.Failed, StepKind.ReadManagerUuid), (run.State, run.Step));
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_install_that_writes_another_uuid_is_caught_by_reading_it_back()
    {
        var harness = new EngineHarness();
        harness.Ovm.InstallerUuidOverride = "0004fb0000010000dddddddddddddddd";
        var run = await harness.StartAsync();

        run = await harness.ApproveAllAsync(run.Id);

        Assert.Equal((RunState.Failed, StepKind.InstallManager), (run.State, run.Step));
        Assert.Contains("reinstall with --uuid=0004fb0000010000bbbbbbbbbbbbbbbb", run.StatusMessage);
    }

    [Fact]
    public async Task Servers_owned_by_another_manager_stop_the_phase_at_verification()
    {
        var (harness, run) = await AtRediscoveryGateAsync();

        // The hardware says another manager owns it (as after an install with the wrong UUID).
        harness.Ovm.Environments["B"].HardwareOwner = "0004fb0000010000eeeeeeeeeeeeeeee";
        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.Failed, StepKind.VerifyInventory), (run.State, run.Step));
        Assert.Contains("OwnedByAnotherManager", run.StatusMessage);
        Assert.True(run.Facts[1].Diff!.HasOwnershipConflict);
    }

    [Fact]
    public async Task Missing_items_need_an_explicit_acceptance_before_the_phase_completes()
    {
        var (harness, run) = await AtRediscoveryGateAsync();

        harness.Ovm.Environments["B"].Vms.RemoveAll(v => v.Name == "web-b");
        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.AwaitingAcknowledgement, StepKind.VerifyInventory), (run.State, run.Step));
        Assert.Equal(GateKey.AcceptDifferences, run.PendingGate);
        Assert.Contains("web-b", run.StatusMessage);

        run = await harness.ApproveAsync(run.Id, "bob", "carol");
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.VerifyInventory).Status);
        Assert.Equal(StepKind.ConfirmPhase, run.Step);
    }

    [Fact]
    public async Task A_non_minimal_environment_needs_an_acknowledgement_at_preflight()
    {
        var harness = new EngineHarness();
        var b = harness.Ovm.Environments["B"];
        for (var i = 0; i < 25; i++)
        {
            b.Vms.Add(new VmFacts($"vm-extra-{i}", $"extra-{i}", "pool-b", "srv-b1", "RUNNING", false, "repo-b"));
        }

        var run = await harness.StartAsync();

        Assert.Equal((RunState.AwaitingAcknowledgement, StepKind.Preflight), (run.State, run.Step));
        Assert.Equal(GateKey.AcknowledgeNonMinimal, run.PendingGate);
        Assert.Contains("not a minimal installation", run.StatusMessage);

        run = await harness.ApproveAsync(run.Id, "bob");
        Assert.Equal(StepKind.CreateManagerVm, run.Step);
    }

    [Fact]
    public async Task Rediscovery_refuses_to_start_while_the_old_manager_runs_again()
    {
        var (harness, run) = await AtRediscoveryGateAsync();

        var b = harness.Ovm.Environments["B"];
        b.OriginalRunning = true;
        b.DiscoveredByReplacement.Clear();
        harness.Ovm.Calls.Clear();
        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.Failed, StepKind.Rediscover), (run.State, run.Step));
        Assert.Contains("two managers with one UUID", run.StatusMessage);
        Assert.Contains("'service ovmm stop'", run.StatusMessage);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("discover server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_guest_that_misses_the_requirements_fails_with_every_shortfall_named()
    {
        var harness = new EngineHarness();
        harness.Ovm.GuestFacts = new GuestOsFacts("Oracle Linux Server release 5.11", "x86_64", 4096, 1, 1024,
            new Dictionary<string, long> { ["/u01"] = 1000, ["/tmp"] = 8000, ["/var"] = 4000, ["/usr"] = 4000 });
        var run = await harness.StartAsync();

        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal((RunState.Failed, StepKind.VerifyGuestOs), (run.State, run.Step));
        Assert.Contains("release 5.11", run.StatusMessage);
        Assert.Contains("memory 4096MB, needs 7680MB", run.StatusMessage);
        Assert.Contains("free space in /u01 1000MB", run.StatusMessage);
    }
}
