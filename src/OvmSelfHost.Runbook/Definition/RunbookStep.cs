namespace OvmSelfHost.Runbook.Definition;

/// <summary>One step of the procedure as data: what it does, what it touches, how risky it is.</summary>
/// <param name="Touches">Which machine the step acts on, as a template: {target}, {hosting}.</param>
/// <param name="Check">What an approver is asked to check before voting.</param>
public sealed record RunbookStep(
    StepKind Kind,
    string Title,
    string WhatHappens,
    string Touches,
    StepRisk Risk,
    string WhyRisky,
    string Check,
    bool RunsPastWindowClose = false);
