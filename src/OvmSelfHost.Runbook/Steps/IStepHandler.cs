using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Carries out one step through the ports, in two halves that every step must write: look, then act.
/// The engine always calls <see cref="ObserveAsync"/> first (on the first run, after a restart and on
/// every retry), and calls <see cref="ActAsync"/> only when the observation leaves something to do.
/// A step that changes Oracle VM says in its <see cref="Procedure"/> row what it observes, and its
/// observation decides from Oracle VM and the hosts, never from the bot's memory alone.
/// </summary>
public interface IStepHandler
{
    StepKind Kind { get; }

    /// <summary>Reads only. Read-only steps answer <see cref="StepObservation.ReadsOnly"/>.</summary>
    Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Does what is left, given what <paramref name="observed"/> found (NotDone, InProgress or ReadsOnly).
    /// Its side effects go through <see cref="StepContext"/>, which records an intent first and
    /// re-attaches to recorded jobs instead of repeating them.
    /// </summary>
    Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken);
}
