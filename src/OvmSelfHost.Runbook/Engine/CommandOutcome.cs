using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>The answer to a person's request: done, or refused with what was wrong and what to do.</summary>
public sealed record CommandOutcome(OutcomeKind Kind, string Message, MigrationRun? Run = null)
{
    public bool Succeeded => Kind == OutcomeKind.Done;

    public static CommandOutcome Done(MigrationRun run, string message) => new(OutcomeKind.Done, message, run);
    public static CommandOutcome NotFound(string message) => new(OutcomeKind.NotFound, message);
    public static CommandOutcome Invalid(string message, MigrationRun? run = null) => new(OutcomeKind.Invalid, message, run);
    public static CommandOutcome Forbidden(string message, MigrationRun? run = null) => new(OutcomeKind.Forbidden, message, run);
    public static CommandOutcome Conflict(string message, MigrationRun? run = null) => new(OutcomeKind.Conflict, message, run);
}
