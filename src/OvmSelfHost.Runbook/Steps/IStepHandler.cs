using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Carries out one step through the ports. A handler must be safe to run again after a restart:
/// its side effects go through <see cref="StepContext"/>, which re-attaches instead of repeating.
/// </summary>
public interface IStepHandler
{
    StepKind Kind { get; }

    Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}
