using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Inventory;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Endpoints;

/// <summary>A run as the JSON API shows it.</summary>
public sealed record MigrationView(
    Guid Id,
    string ShortId,
    IReadOnlyList<string> Environments,
    string State,
    int Phase,
    string CurrentStep,
    string? PendingGate,
    int GateRound,
    string? StatusMessage,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> PossibleActions,
    IReadOnlyList<StepView> Steps,
    IReadOnlyList<PhaseView> Phases,
    string? Executor)
{
    /// <summary>The maintenance window the run is bound to (its text), if any.</summary>
    public string? Window { get; init; }

    /// <summary>When the window the waiting gate belongs to opens: the console counts down to it.</summary>
    public DateTimeOffset? WindowOpensAt { get; init; }

    /// <summary>Rises with every save: the console ignores an answer older than what it shows.</summary>
    public long Version { get; init; }

    /// <summary>The same run without the steps' fixed texts (they never change during a run): what the console fetches on each change.</summary>
    public MigrationView WithoutStepTexts() =>
        this with { Steps = Steps.Select(s => s with { WhatHappens = "", Touches = "", WhyRisky = "", Check = "" }).ToList() };

    public static MigrationView From(MigrationRun run, RunbookSettings settings)
    {
        return new MigrationView(
            run.Id,
            run.Id.ToString("N")[..8],
            run.Environments,
            run.State.ToString(),
            run.Phase,
            run.Step.ToString(),
            run.PendingGate?.Name,
            run.GateRound,
            run.StatusMessage,
            run.RequestedBy,
            run.CreatedAt,
            run.UpdatedAt,
            MigrationEngine.AllowedActions(run).Select(Vocabularies.Actions.WordFor).ToList(),
            run.Steps.Select(s => StepView.From(run, s, settings)).ToList(),
            run.Facts.OrderBy(f => f.Key).Select(f => PhaseView.From(run, f.Key, f.Value)).ToList(),
            run.Executor)
        {
            Window = run.Window,
            WindowOpensAt = run.GateWindowOpensAt,
            Version = run.Version,
        };
    }
}

public sealed record StepView(
    string Name,
    string Title,
    int Phase,
    string Status,
    string Risk,
    string WhatHappens,
    string Touches,
    string WhyRisky,
    string Check,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Message,
    IReadOnlyList<string> Output,
    IReadOnlyList<JobView> Jobs,
    ApprovalView Approval)
{
    public static StepView From(MigrationRun run, StepRecord step, RunbookSettings settings)
    {
        var definition = Procedure.Step(step.Kind);
        var plan = Procedure.Phase(step.Phase, run.EnvironmentA, run.EnvironmentB);
        var gate = step.Phase == run.Phase && step.Kind == run.Step && run.PendingGate is { } pending ? pending : GateKey.Of(step.Kind);
        var policy = settings.Gates.For(gate);
        var votes = run.Votes.Where(v => v.Phase == step.Phase && (v.Gate == GateKey.Of(step.Kind) || (v.Gate == gate && step.Kind == run.Step)))
            .Select(v => new VoteView(v.User, v.Decision.ToString().ToLowerInvariant(), v.Reason, v.Channel, v.At, v.Gate.Name, v.Round)).ToList();
        return new StepView(
            step.Kind.ToString(), definition.Title, step.Phase, step.Status.ToString(), definition.Risk.ToString(),
            Procedure.Render(definition.WhatHappens, plan), Procedure.Render(definition.Touches, plan),
            Procedure.Render(definition.WhyRisky, plan), Procedure.Render(definition.Check, plan),
            step.StartedAt, step.FinishedAt, step.Message, step.Output,
            run.Intents.Where(i => i.Phase == step.Phase && i.Step == step.Kind.ToString())
                .Select(i => new JobView(i.Key, i.Description, i.Status.ToString(), i.JobId, i.ResultId, i.Error)).ToList(),
            new ApprovalView(gate.Name, policy.ToString(), GatePolicies.RequiredApprovals(policy), votes));
    }
}

public sealed record ApprovalView(string Gate, string Policy, int Required, IReadOnlyList<VoteView> Votes);

public sealed record VoteView(string User, string Decision, string? Reason, string Channel, DateTimeOffset At, string Gate, int Round);

public sealed record JobView(string Key, string Description, string Status, string? JobId, string? ResultId, string? Error);

public sealed record PhaseView(int Phase, string Target, string Hosting, string? OldManagerUuid, string? NewVmId, InventoryDiff? Diff, IReadOnlyList<string> Warnings,
    HaDrillResult? Drill = null)
{
    public static PhaseView From(MigrationRun run, int phase, PhaseFacts facts)
    {
        var plan = Procedure.Phase(phase, run.EnvironmentA, run.EnvironmentB);
        return new PhaseView(phase, plan.Target, plan.Hosting, facts.OldManagerUuid, facts.NewVmId, facts.Diff, facts.Warnings, facts.Drill);
    }
}
