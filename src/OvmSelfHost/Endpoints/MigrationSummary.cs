using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Endpoints;

/// <summary>
/// A run as the list shows it: enough to pick it and to see where it stands, never its steps or
/// output, so the list stays small however long the history (detail is GET /api/migrations/{id}).
/// </summary>
public sealed record MigrationSummary(
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
    long Version)
{
    /// <summary>The current step as people call it ("Stop the old manager"); <see cref="CurrentStep"/> is its name in the API.</summary>
    public string CurrentStepTitle { get; init; } = "";

    public static MigrationSummary From(MigrationRun run) => new(
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
        run.Version)
    {
        CurrentStepTitle = Procedure.Step(run.Step).Title,
    };
}
