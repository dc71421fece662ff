using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// The runbook's two halves behind one face: <see cref="Commands"/> (what people send, on any replica)
/// and <see cref="Advancer"/> (what the holder of a run's lease does with it). Every change is saved
/// (with its journal lines) before anyone is told about it.
/// </summary>
/// <param name="leases">Who executes which run; absent, the engine is alone in its process (<see cref="InProcessLeases"/>).</param>
public sealed class MigrationEngine
{
    public const string NoAdapterMessageText = "Waiting before preflight: no Oracle VM adapter is configured (set Ovm:Adapter).";

    private readonly IMigrationStore store;

    public MigrationEngine(
        IMigrationStore store,
        RunbookSettings settings,
        PeopleDirectory people,
        IEnumerable<IStepHandler> handlers,
        IRunNotifier notifier,
        IRunDriver driver,
        TimeProvider time,
        IOvmConnections? ovm = null,
        IMaintenanceWindows? windows = null,
        IRunLeases? leases = null)
    {
        this.store = store;
        Settings = settings;
        Windows = windows;
        AdaptersConfigured = ovm is not null;
        // One RunChanges for both halves: a person's change and the executor's are applied one at a time per run.
        var changes = new RunChanges(store, notifier, time, new GateClocks(settings.Gates, windows, time));
        Commands = new RunCommands(changes, settings, people, driver, time, AdaptersConfigured, windows);
        Advancer = new RunAdvancer(changes, settings, handlers, leases ?? new InProcessLeases(), ovm, windows);
    }

    public RunCommands Commands { get; }

    public RunAdvancer Advancer { get; }

    /// <summary>False until Oracle VM adapters are configured: runs then wait before preflight.</summary>
    public bool AdaptersConfigured { get; }

    public RunbookSettings Settings { get; }

    public IMaintenanceWindows? Windows { get; }

    public Task<CommandOutcome> RequestAsync(
        IReadOnlyList<string> environments, string user, string channel, string? window, CancellationToken cancellationToken, Authentication? authentication = null) =>
        Commands.RequestAsync(environments, user, channel, window, cancellationToken, authentication);

    /// <inheritdoc cref="RunCommands.DecideAsync"/>
    public Task<CommandOutcome> DecideAsync(
        Guid id, string user, string channel, VoteDecision decision, string? reason, CancellationToken cancellationToken, GateOpening? expected = null,
        Authentication? authentication = null, DeliveryReceipt? receipt = null) =>
        Commands.DecideAsync(id, user, channel, decision, reason, cancellationToken, expected, authentication, receipt);

    public Task<CommandOutcome?> VoteRefusalAsync(
        Guid id, string user, VoteDecision decision, string? reason, GateOpening expected, CancellationToken cancellationToken, Authentication? authentication = null) =>
        Commands.VoteRefusalAsync(id, user, decision, reason, expected, cancellationToken, authentication);

    /// <inheritdoc cref="RunCommands.Voters"/>
    public IReadOnlyList<GateVoter> Voters(MigrationRun run, GateOpening opening) => Commands.Voters(run, opening);

    /// <inheritdoc cref="RunCommands.VoterRefusal"/>
    public string? VoterRefusal(MigrationRun run, GateOpening opening, string person) => Commands.VoterRefusal(run, opening, person);

    public Task<CommandOutcome> ActAsync(
        Guid id, string user, string channel, OperatorAction action, CancellationToken cancellationToken, Authentication? authentication = null) =>
        Commands.ActAsync(id, user, channel, action, cancellationToken, authentication);

    /// <inheritdoc cref="RunAdvancer.WatchOldManagersAsync"/>
    public Task<bool> WatchOldManagersAsync(Guid id, CancellationToken cancellationToken) => Advancer.WatchOldManagersAsync(id, cancellationToken);

    /// <inheritdoc cref="RunAdvancer.AdvanceAsync"/>
    public Task<bool> AdvanceAsync(Guid id, CancellationToken cancellationToken) => Advancer.AdvanceAsync(id, cancellationToken);

    public Task<MigrationRun?> FindAsync(Guid id, CancellationToken cancellationToken) => store.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<MigrationRun>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(Guid id, CancellationToken cancellationToken) => store.GetAuditAsync(id, cancellationToken);

    /// <summary>Checks the migration's journal chain; null when there is no such migration.</summary>
    public async Task<JournalVerification?> VerifyAuditAsync(Guid id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } run
            ? JournalChain.Verify(run.Id, run.CreatedAt, await store.GetChainedAuditAsync(id, cancellationToken))
            : null;

    /// <summary>The migration's change record, with its journal verified now; null when there is no such migration.</summary>
    public async Task<Records.ChangeRecord?> RecordAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } run)
        {
            return null;
        }

        var chained = await store.GetChainedAuditAsync(id, cancellationToken);
        var verification = JournalChain.Verify(run.Id, run.CreatedAt, chained);
        return Records.ChangeRecords.Build(run, chained.Select(c => c.Entry).ToList(), verification, Settings.Gates, now);
    }

    /// <inheritdoc cref="RunCommands.AllowedActions"/>
    public static IReadOnlyList<OperatorAction> AllowedActions(MigrationRun run) => RunCommands.AllowedActions(run);

    /// <inheritdoc cref="RunCommands.PossibleNow"/>
    public static string PossibleNow(MigrationRun run) => RunCommands.PossibleNow(run);
}
