using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Telemetry;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// What people send: request, decide, act. Each is one load-change-save through <see cref="RunChanges"/>
/// (saved with its journal lines before anyone is told), on whichever replica received it; then the
/// run is kicked, and its executor (the holder of its lease) moves it on.
/// </summary>
public sealed partial class RunCommands(
    RunChanges changes,
    RunbookSettings settings,
    PeopleDirectory people,
    IRunDriver driver,
    TimeProvider time,
    bool adaptersConfigured,
    IMaintenanceWindows? windows = null)
{
    public bool AdaptersConfigured => adaptersConfigured;

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
            await changes.Store.AddAsync(run, Journal(run, user, channel, "requested", $"migration of {a} and {b}"), RunNotice.Changed("requested"), cancellationToken);
        }
        catch (EnvironmentBusyException busy)
        {
            return CommandOutcome.Conflict($"{busy.Environment} already has a migration in flight. Finish, abort or roll it back first (see /ovm status).");
        }

        RunbookTelemetry.NoteCause(run.Id);
        await changes.Notifier.RunChangedAsync(run, "requested", cancellationToken);
        driver.Saved(run.Id);
        return CommandOutcome.Done(run, $"Migration {run.Id} of {a} and {b} requested by {run.RequestedBy}. {run.StatusMessage}");
    }

    internal const string NoAdapterMessage = MigrationEngine.NoAdapterMessageText;

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
        changes.Journal(run, actor, channel, action, detail);

    /// <summary>The person a command is from: the configured user, with the identity provider's roles when it asserts them.</summary>
    private Person? Caller(string user, Authentication? authentication) =>
        authentication?.Roles is { } roles
            ? new Person(people.ByName(user)?.Name ?? user, roles)
            : people.ByName(user);

    /// <summary>A person's change: any replica saves it (checked by the run's version), then the run's executor is woken.</summary>
    /// <param name="receipt">The delivery the change answers: claimed in the change's own save.</param>
    private async Task<CommandOutcome> ChangeAsync(
        Guid id, Func<MigrationRun, List<AuditEntry>, CommandOutcome> change, CancellationToken cancellationToken, DeliveryReceipt? receipt = null)
    {
        var outcome = await changes.ApplyAsync(id, RunFence.None, (run, journal) =>
        {
            if (run is null)
            {
                return (NoSuchRun(id), (string?)null);
            }

            var decided = change(run, journal);
            return (decided, decided.Succeeded ? decided.Message : null);
        }, cancellationToken, receipt is null ? null : outcome => new ClaimedDelivery(receipt.Key, receipt.Channel, receipt.Answer(outcome)));
        if (outcome.Succeeded)
        {
            RunbookTelemetry.NoteCause(id);
            driver.Saved(id);
        }

        return outcome;
    }
}
