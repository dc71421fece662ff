using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// Takes people's requests and decisions, and advances runs step by step through the ports. Every
/// change is saved (with its journal lines) before anyone is told about it.
/// </summary>
public sealed partial class MigrationEngine(
    IMigrationStore store,
    RunbookSettings settings,
    PeopleDirectory people,
    IEnumerable<IStepHandler> handlers,
    IRunNotifier notifier,
    IRunDriver driver,
    TimeProvider time,
    IOvmConnections? ovm = null,
    IMaintenanceWindows? windows = null)
{
    private const int ConflictRetries = 5;
    private readonly RunLocks locks = new();
    private readonly OperationDurations durations = new();
    private readonly Dictionary<Definition.StepKind, IStepHandler> handlersByKind = handlers.ToDictionary(h => h.Kind);

    /// <summary>False until Oracle VM adapters are configured: runs then wait before preflight.</summary>
    public bool AdaptersConfigured => ovm is not null;

    public RunbookSettings Settings => settings;

    public async Task<CommandOutcome> RequestAsync(
        IReadOnlyList<string> environments, string user, string channel, string? window, CancellationToken cancellationToken, Authentication? authentication = null)
    {
        if (ValidateRequest(environments, user, authentication) is { } refusal)
        {
            return refusal;
        }

        if (window is not null)
        {
            (window, var badWindow) = ValidateWindow(window);
            if (badWindow is not null)
            {
                return badWindow;
            }
        }

        var (a, b) = (Canonical(environments[0]), Canonical(environments[1]));
        var run = MigrationRun.Create(Guid.NewGuid(), a, b, Caller(user, authentication)!.Name, channel, time.GetUtcNow());
        run.Window = window;
        run.StatusMessage = !AdaptersConfigured ? NoAdapterMessage
            : window is null ? "Queued: preflight starts now."
            : $"Queued: preflight runs now; the rest waits for window {window}.";
        try
        {
            await store.AddAsync(run, Journal(run, user, channel, "requested", $"migration of {a} and {b}"), RunNotice.Changed("requested"), cancellationToken);
        }
        catch (EnvironmentBusyException busy)
        {
            return CommandOutcome.Conflict($"{busy.Environment} already has a migration in flight. Finish, abort or roll it back first (see /ovm status).");
        }

        await notifier.RunChangedAsync(run, "requested", cancellationToken);
        driver.Kick(run.Id);
        return CommandOutcome.Done(run, $"Migration {run.Id} of {a} and {b} requested by {run.RequestedBy}. {run.StatusMessage}");
    }

    public Task<MigrationRun?> FindAsync(Guid id, CancellationToken cancellationToken) => store.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<MigrationRun>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(Guid id, CancellationToken cancellationToken) => store.GetAuditAsync(id, cancellationToken);

    public const string NoAdapterMessageText = NoAdapterMessage;

    internal const string NoAdapterMessage = "Waiting before preflight: no Oracle VM adapter is configured (set Ovm:Adapter).";

    private CommandOutcome? ValidateRequest(IReadOnlyList<string> environments, string user, Authentication? authentication)
    {
        var person = Caller(user, authentication);
        if (person is null)
        {
            return CommandOutcome.Forbidden($"'{user}' is not a configured user. Configured users: {string.Join(", ", people.All.Select(p => p.Name))}.");
        }

        if (!person.Is(PersonRole.Requester))
        {
            return CommandOutcome.Forbidden($"{person.Name} may not request migrations (needs the requester role).");
        }

        if (environments.Count != 2)
        {
            return CommandOutcome.Invalid($"A migration takes exactly two environments, got {environments.Count}. Example: /ovm start A B.");
        }

        var unknown = environments.Where(e => Lookup(e) is null).ToList();
        if (unknown.Count > 0)
        {
            return CommandOutcome.Invalid($"Unknown environment {string.Join(", ", unknown)}. Configured: {string.Join(", ", settings.Environments.Keys)}.");
        }

        return string.Equals(Canonical(environments[0]), Canonical(environments[1]), StringComparison.Ordinal)
            ? CommandOutcome.Invalid("A migration needs two different environments: each manager moves into the other one.")
            : null;
    }

    public IMaintenanceWindows? Windows => windows;

    private (string Window, CommandOutcome? Refusal) ValidateWindow(string window)
    {
        var known = windows?.Names.FirstOrDefault(n => string.Equals(n, window, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            var configured = windows is null || windows.Names.Count == 0 ? "none are configured (MaintenanceWindows)" : $"configured: {string.Join(", ", windows.Names)}";
            return (window, CommandOutcome.Invalid($"Unknown window '{window}': {configured}. See /ovm windows, or start with 'now'."));
        }

        var next = windows!.CurrentOrNext(known, time.GetUtcNow());
        if (next is null)
        {
            return (known, CommandOutcome.Invalid($"Window {known} never opens again (its cron never fires, or every coming opening falls on an excluded date). Nothing was scheduled."));
        }

        var shortest = StepDurations.Shortest(settings.ExpectedDurations);
        return next.Duration < shortest
            ? (known, CommandOutcome.Invalid($"Window {known} lasts {next.Duration}, shorter than the shortest step ({shortest}): no step could ever start in it. Nothing was scheduled."))
            : (known, null);
    }

    private string? Lookup(string name) => settings.Environments.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private string Canonical(string name) => Lookup(name)!;

    private static CommandOutcome NoSuchRun(Guid id) =>
        CommandOutcome.NotFound($"No migration {id}: it does not exist or no longer exists; nothing was changed. List them with /ovm status.");

    private AuditEntry Journal(MigrationRun run, string actor, string channel, string action, string detail) =>
        new(run.Id, time.GetUtcNow(), actor, channel, action, detail);

    /// <summary>Loads, applies and saves under the run's lock; on a concurrent save, decides again from the fresh state.</summary>
    private async Task<CommandOutcome> ChangeAsync(Guid id, Func<MigrationRun, List<AuditEntry>, CommandOutcome> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var held = await locks.AcquireAsync(id, cancellationToken);
            var run = await store.FindAsync(id, cancellationToken);
            if (run is null)
            {
                return NoSuchRun(id);
            }

            var journal = new List<AuditEntry>();
            var outcome = change(run, journal);
            if (!outcome.Succeeded)
            {
                return outcome;
            }

            try
            {
                run.UpdatedAt = time.GetUtcNow();
                await store.SaveAsync(run, journal, RunNotice.Changed(outcome.Message), cancellationToken);
            }
            catch (ConcurrentUpdateException) when (attempt < ConflictRetries)
            {
                continue;
            }

            held.Dispose();
            await notifier.RunChangedAsync(run, outcome.Message, cancellationToken);
            driver.Kick(run.Id);
            return outcome;
        }
    }
}
