using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>How a step ended. Expected failures are values; only broken code throws.</summary>
public abstract record StepOutcome(string Message)
{
    public static StepOutcome Succeeded(string message) => new StepSucceeded(message);
    public static StepOutcome Skipped(string message) => new StepSkipped(message);
    public static StepOutcome Failed(string message) => new StepFailedOutcome(message);
    public static StepOutcome NeedsAcknowledgement(GateKey gate, string message) => new StepNeedsAcknowledgement(gate, message);
}

public sealed record StepSucceeded(string Message) : StepOutcome(Message);

public sealed record StepSkipped(string Message) : StepOutcome(Message);

public sealed record StepFailedOutcome(string Message) : StepOutcome(Message);

/// <summary>The step ran, and found something a person must accept before the migration goes on.</summary>
public sealed record StepNeedsAcknowledgement(GateKey Gate, string Message) : StepOutcome(Message);
