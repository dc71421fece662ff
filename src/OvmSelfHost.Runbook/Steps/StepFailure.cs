namespace OvmSelfHost.Runbook.Steps;

/// <summary>Thrown inside a step to stop it with words a person can act on.</summary>
public sealed class StepFailure(string message) : Exception(message);
