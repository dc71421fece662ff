using Xunit;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Steps;

namespace OvmSelfHost.TestSupport.Fakes;

/// <summary>An engine over the fakes, with the repository's people (alice requests, bob and carol approve).</summary>
public sealed class EngineHarness
{
    public EngineHarness(
        IReadOnlyDictionary<string, ApprovalPolicy>? gates = null, InMemoryMigrationStore? store = null, FakeOvm? ovm = null, bool withAdapters = true,
        FreshSignInRule? freshSignIn = null, bool separateCutoverApprovers = false)
    {
        Store = store ?? new InMemoryMigrationStore();
        Ovm = ovm ?? new FakeOvm();
        Settings = new RunbookSettings
        {
            Environments = new Dictionary<string, EnvironmentPlan>
            {
                ["A"] = new("A", "pool-a", "repo-a", new VmPlan("ovmm-a-vm", "OL7-template", "ovmm-installer.iso")),
                ["B"] = new("B", "pool-b", "repo-b", new VmPlan("ovmm-b-vm", "OL7-template", "ovmm-installer.iso")),
            },
            Gates = new GatePolicies(gates) { SeparateCutoverApprovers = separateCutoverApprovers },
            ManagerStopTimeout = TimeSpan.Zero,
            FreshSignIn = freshSignIn,
        };
        Engine = new MigrationEngine(Store, Settings, People, AllSteps(), Notifier, Driver, Time, withAdapters ? Ovm : null);
    }

    public static PeopleDirectory People { get; } = new([
        new Person("alice", new HashSet<PersonRole> { PersonRole.Requester }),
        new Person("bob", new HashSet<PersonRole> { PersonRole.Approver }),
        new Person("carol", new HashSet<PersonRole> { PersonRole.Approver }),
        new Person("dave", new HashSet<PersonRole> { PersonRole.Requester, PersonRole.Approver }),
    ]);

    public InMemoryMigrationStore Store { get; }
    public FakeOvm Ovm { get; }
    public RunbookSettings Settings { get; }
    public MigrationEngine Engine { get; }
    public RecordingNotifier Notifier { get; } = new();
    public RecordingDriver Driver { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public static IEnumerable<IStepHandler> AllSteps() =>
        typeof(IStepHandler).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStepHandler).IsAssignableFrom(t))
            .Select(t => (IStepHandler)Activator.CreateInstance(t)!);

    public async Task<MigrationRun> StartAsync(string requester = "alice")
    {
        var outcome = await Engine.RequestAsync(["A", "B"], requester, "test", null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Message);
        await Engine.AdvanceAsync(outcome.Run!.Id, CancellationToken.None);
        return await LoadAsync(outcome.Run.Id);
    }

    public async Task<MigrationRun> LoadAsync(Guid id) => (await Store.FindAsync(id, CancellationToken.None))!;

    public async Task<MigrationRun> ApproveAsync(Guid id, params string[] approvers)
    {
        foreach (var approver in approvers)
        {
            var outcome = await Engine.DecideAsync(id, approver, "test", VoteDecision.Approve, null, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.Message);
        }

        await Engine.AdvanceAsync(id, CancellationToken.None);
        return await LoadAsync(id);
    }

    /// <summary>Approves the gate that waits now with as many approvers as its policy needs.</summary>
    public async Task<MigrationRun> ApproveCurrentAsync(Guid id)
    {
        var run = await LoadAsync(id);
        var required = GatePolicies.RequiredApprovals(Settings.Gates.For(run.PendingGate!.Value));
        return await ApproveAsync(id, new[] { "bob", "carol" }.Take(required).ToArray());
    }

    /// <summary>Approves every gate with the approvers its policy needs, until the run stops waiting for votes.</summary>
    public async Task<MigrationRun> ApproveAllAsync(Guid id)
    {
        var run = await LoadAsync(id);
        while (run.State is RunState.AwaitingApproval or RunState.AwaitingAcknowledgement)
        {
            var required = GatePolicies.RequiredApprovals(Settings.Gates.For(run.PendingGate!.Value));
            run = await ApproveAsync(id, new[] { "bob", "carol" }.Take(required).ToArray());
        }

        return run;
    }

    /// <summary>Approves the gate of <paramref name="step"/> while it waits (a retry asks for it again).</summary>
    public async Task<MigrationRun> ApproveAllUntilAsync(Guid id, OvmSelfHost.Runbook.Definition.StepKind step)
    {
        var run = await LoadAsync(id);
        return run is { State: RunState.AwaitingApproval } && run.Step == step ? await ApproveCurrentAsync(id) : run;
    }
}
