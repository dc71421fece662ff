using System.Text;
using OvmSelfHost.Chat.Replies;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Readiness;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Chat.Commands;

/// <summary>Carries out the command language for any channel; the channel only says who and where.</summary>
public sealed class CommandExecutor(MigrationEngine engine, TimeProvider time, IReadinessChecks? readiness = null)
{
    /// <param name="receipt">What a decision found when the command arrived (<see cref="ReceiveAsync"/>); null: it arrives now.</param>
    /// <param name="authentication">How the person proved who they are (the console and API with sign-in); null: the channel's mapping of configured users.</param>
    public async Task<CommandReply> ExecuteAsync(
        string user, string channel, string? text, CancellationToken cancellationToken, CommandReceipt? receipt = null, Authentication? authentication = null)
    {
        var (command, error) = CommandParser.Parse(text);
        if (command is null)
        {
            return CommandReply.Invalid(error!);
        }

        return command.Verb switch
        {
            "help" => CommandReply.Done(ChatReplies.Help()),
            "envs" => CommandReply.Done("Environments: " + string.Join(", ", engine.Settings.Environments.Values.Select(e =>
                $"{e.Name} (hosting pool {e.HostingPool}, manager VM {e.ReplacementVm.Name})"))),
            "plan" => Plan(command),
            "check" => await CheckAsync(user, channel, command, cancellationToken),
            "start" => await StartAsync(user, channel, command, authentication, cancellationToken),
            "status" => await StatusAsync(command, cancellationToken),
            "approve" => await DecideAsync(user, channel, command, VoteDecision.Approve, receipt, authentication, cancellationToken),
            "reject" => await DecideAsync(user, channel, command, VoteDecision.Reject, receipt, authentication, cancellationToken),
            "windows" => CommandReply.Done(WindowText.List(engine.Windows, time.GetUtcNow())),
            "why" => await WithRunAsync(command, run => CommandReply.Done(Why(run), run.Id), cancellationToken),
            "audit" => await AuditAsync(command, cancellationToken),
            _ when Vocabularies.Actions.TryParse(command.Verb, out var action) => await ActAsync(user, channel, command, action, authentication, cancellationToken),
            _ => CommandReply.Invalid($"{Vocabularies.Actions.Refusal(command.Verb)} Try /ovm help."),
        };
    }

    private CommandReply Plan(ChatCommand command)
    {
        if (command.Arguments.Count != 2)
        {
            return CommandReply.Invalid("Usage: /ovm plan <A> <B>, e.g. /ovm plan A B.");
        }

        var unknown = command.Arguments.Where(a => !engine.Settings.Environments.ContainsKey(a)).ToList();
        return unknown.Count > 0
            ? CommandReply.Invalid($"Unknown environment {string.Join(", ", unknown)}. Configured: {string.Join(", ", engine.Settings.Environments.Keys)}.")
            : CommandReply.Done(ChatReplies.Plan(command.Arguments[0], command.Arguments[1], engine.Settings));
    }

    private async Task<CommandReply> CheckAsync(string user, string channel, ChatCommand command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 2)
        {
            return CommandReply.Invalid("Usage: /ovm check <A> <B>, e.g. /ovm check A B.");
        }

        var names = command.Arguments.Select(a => engine.Settings.Environments.Keys.FirstOrDefault(k => string.Equals(k, a, StringComparison.OrdinalIgnoreCase))).ToList();
        if (names.Any(n => n is null) || string.Equals(names[0], names[1], StringComparison.Ordinal))
        {
            return CommandReply.Invalid($"/ovm check takes two different configured environments. Configured: {string.Join(", ", engine.Settings.Environments.Keys)}.");
        }

        if (readiness is null || !engine.AdaptersConfigured)
        {
            return new CommandReply(OutcomeKind.Conflict, "Readiness checks need an Oracle VM adapter (set Ovm:Adapter).");
        }

        var report = await readiness.CheckAsync(names[0]!, names[1]!, $"{user} via {channel}", cancellationToken);
        return CommandReply.Done($"Readiness of {report.First} and {report.Second}: {report.Status} (expected migration time {report.ExpectedDuration.TotalHours:0.#} h).\n" +
                                 string.Join('\n', report.Lines()));
    }

    private async Task<CommandReply> StartAsync(string user, string channel, ChatCommand command, Authentication? authentication, CancellationToken cancellationToken)
    {
        var args = command.Arguments;
        if (args.Count < 2 || (args.Count > 2 && !IsWhen(args)))
        {
            return CommandReply.Invalid("Usage: /ovm start <A> <B> [now | window <name>].");
        }

        var window = args.Count == 4 ? args[3] : null;
        var outcome = await engine.RequestAsync([args[0], args[1]], user, channel, window, cancellationToken, authentication);
        return CommandReply.From(outcome);
    }

    private static bool IsWhen(IReadOnlyList<string> args) =>
        (args.Count == 3 && args[2].Equals("now", StringComparison.OrdinalIgnoreCase))
        || (args.Count == 4 && args[2].Equals("window", StringComparison.OrdinalIgnoreCase));

    private async Task<CommandReply> StatusAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count > 0)
        {
            return await WithRunAsync(command, run => CommandReply.Done(RunText.Detail(run, engine.Settings), run.Id), cancellationToken);
        }

        return CommandReply.Done(ChatReplies.Status(await engine.ListAsync(cancellationToken), time));
    }

    /// <summary>
    /// For a command handed to the background: captures, as it arrives, the gate opening a typed
    /// decision in it is bound to. Null for every other command.
    /// </summary>
    public async Task<CommandReceipt?> ReceiveAsync(string? text, CancellationToken cancellationToken)
    {
        if (CommandParser.Parse(text).Command is not { Verb: "approve" or "reject", Arguments.Count: > 0 } command)
        {
            return null;
        }

        var (run, _) = await new RunFinder(engine).FindAsync(command.Arguments[0], cancellationToken);
        return run is null ? null : new CommandReceipt(run.Id, GateOpening.WaitingIn(run));
    }

    private async Task<CommandReply> DecideAsync(
        string user, string channel, ChatCommand command, VoteDecision decision, CommandReceipt? receipt, Authentication? authentication, CancellationToken cancellationToken) =>
        await WithRunAsync(command, async run =>
        {
            var waiting = receipt is not null && receipt.RunId == run.Id ? receipt.Waiting : GateOpening.WaitingIn(run);
            var (opening, refusal) = TypedDecision.Bind(run, command, waiting);
            return refusal ?? CommandReply.From(await engine.DecideAsync(
                run.Id, user, channel, decision, command.RestAfter(TypedDecision.WordsBeforeReason), cancellationToken, opening, authentication));
        }, cancellationToken);

    private Task<CommandReply> ActAsync(
        string user, string channel, ChatCommand command, OperatorAction action, Authentication? authentication, CancellationToken cancellationToken) =>
        WithRunAsync(command, async run => CommandReply.From(await engine.ActAsync(run.Id, user, channel, action, cancellationToken, authentication)), cancellationToken);

    private async Task<CommandReply> AuditAsync(ChatCommand command, CancellationToken cancellationToken) =>
        await WithRunAsync(command, async run =>
        {
            if (command.Arguments.Count > 1)
            {
                return command.Arguments[1].Equals("verify", StringComparison.OrdinalIgnoreCase) && command.Arguments.Count == 2
                    ? CommandReply.Done((await engine.VerifyAuditAsync(run.Id, cancellationToken))!.Message, run.Id)
                    : CommandReply.Invalid($"Usage: /ovm audit {RunText.ShortId(run.Id)} [verify].");
            }

            var entries = await engine.AuditAsync(run.Id, cancellationToken);
            var text = new StringBuilder($"Journal of {RunText.ShortId(run.Id)}:\n");
            foreach (var e in entries)
            {
                text.AppendLine($"{ChatTime.Format(e.At)}  {e.Actor} via {e.Channel}: {e.Action}: {e.Detail}");
            }

            return CommandReply.Done(text.ToString().TrimEnd(), run.Id);
        }, cancellationToken);

    private ReplyDocument Why(MigrationRun run)
    {
        var why = run.State switch
        {
            var state when GateOpening.WaitsForVotes(state) =>
                $"It waits for approval of \"{PersonFacingNames.OfGate(run.PendingGate)}\": {run.StatusMessage}",
            RunState.Running => $"Phase {run.Phase}, {PersonFacingNames.Of(run.Step)}, is running{RunningJobs(run)}.",
            RunState.Queued when !engine.AdaptersConfigured => MigrationEngine.NoAdapterMessageText,
            RunState.Failed or RunState.Rejected => $"It stopped: {run.StatusMessage}",
            RunState.Paused => $"It is paused: {run.StatusMessage} Resume with /ovm resume {RunText.ShortId(run.Id)}.",
            _ => run.StatusMessage ?? PersonFacingNames.Of(run.State),
        };
        // The runbook says what the waiting gate showed and why an earlier round was voided; the channel only prints it.
        var details = new List<string>();
        var deciders = new List<string>();
        if (GateOpening.WaitingIn(run) is { } opening)
        {
            if (run.SnapshotOf(opening) is { } shown)
            {
                details.Add(shown.Describe());
                if (run.SnapshotOf(opening with { Round = opening.Round - 1 })?.VoidedBecause is { } voided)
                {
                    details.Add($"Round {opening.Round - 1} was voided: {voided}");
                }
            }

            // Who can decide is the runbook's answer for each configured person, not a guess here.
            deciders.AddRange(engine.Voters(run, opening).Where(v => v.MayVote).Select(v => v.Person.Name));

            if (engine.Settings.FreshSignIn is { } fresh && fresh.Applies(opening.Gate))
            {
                details.Add("This gate needs an approval from a fresh sign-in: approve it in the web console (the chat Approve button sends you a link there).");
            }
        }

        return ChatReplies.Why(run, why, deciders, details);
    }

    private static string RunningJobs(MigrationRun run)
    {
        var jobs = run.Intents.Where(i => i.Phase == run.Phase && i.Status == IntentStatus.Issued && i.JobId is not null).ToList();
        return jobs.Count == 0 ? "" : $"; Oracle VM job(s) still running: {string.Join(", ", jobs.Select(j => $"{j.JobId} ({j.Description})"))}";
    }

    private Task<CommandReply> WithRunAsync(ChatCommand command, Func<MigrationRun, CommandReply> reply, CancellationToken cancellationToken) =>
        WithRunAsync(command, run => Task.FromResult(reply(run)), cancellationToken);

    private async Task<CommandReply> WithRunAsync(ChatCommand command, Func<MigrationRun, Task<CommandReply>> reply, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count == 0)
        {
            return CommandReply.Invalid($"Usage: /ovm {command.Verb} <id>. See /ovm status for ids.");
        }

        var (run, error) = await new RunFinder(engine).FindAsync(command.Arguments[0], cancellationToken);
        return run is null ? new CommandReply(OutcomeKind.NotFound, error!) : await reply(run);
    }
}
