using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Definition;

/// <summary>
/// One step of the procedure as data: what it does, what it touches, how risky it is, who approves it
/// by default, how long it usually takes, and how it looks before acting (its handler implements both
/// the look and the act: <see cref="Steps.IStepHandler"/>).
/// </summary>
/// <param name="Touches">Which machine the step acts on, as a template: {target}, {hosting}.</param>
/// <param name="Check">What an approver is asked to check before voting.</param>
/// <param name="DefaultGate">Who must approve it unless <c>Gates</c> says otherwise.</param>
/// <param name="ExpectedDuration">Used for window admission until the step has run before.</param>
/// <param name="Observes">
/// For a step that changes Oracle VM: what it looks for before acting, on its first run, after a restart
/// and on every retry, so that it continues from what it finds. Null for a step that only reads.
/// </param>
public sealed record RunbookStep(
    StepKind Kind,
    string Title,
    string WhatHappens,
    string Touches,
    StepRisk Risk,
    string WhyRisky,
    string Check,
    ApprovalPolicy DefaultGate,
    TimeSpan ExpectedDuration,
    string? Observes,
    bool RunsPastWindowClose = false)
{
    public bool ChangesOracleVm => Observes is not null;
}
