namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// The result of a step's look before it acts: one of <see cref="ObservedState"/> and, in words, what
/// was seen (shown to people when the step succeeds from it, or when a person must decide).
/// </summary>
public sealed record StepObservation(ObservedState State, string What)
{
    public static StepObservation ReadsOnly { get; } = new(ObservedState.ReadsOnly, "");

    public static Task<StepObservation> ReadsOnlyTask { get; } = Task.FromResult(ReadsOnly);

    public static StepObservation NotDone(string what) => new(ObservedState.NotDone, what);

    public static StepObservation InProgress(string what) => new(ObservedState.InProgress, what);

    public static StepObservation Done(string what) => new(ObservedState.Done, what);

    public static StepObservation Undecided(string what) => new(ObservedState.Undecided, what);
}
