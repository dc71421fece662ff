using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Inventory;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Records;

/// <summary>
/// What a change advisory board asks about one migration, in one document: the pair and who asked,
/// every step with its times and Oracle VM jobs, every gate opening with what it showed (snapshot and
/// hash), its votes and the rounds drift voided, the inventory recorded and the differences found,
/// the window openings used, the HA drills, and whether the journal's chain is intact.
/// </summary>
public sealed record ChangeRecord(
    Guid MigrationId,
    string EnvironmentA,
    string EnvironmentB,
    string RequestedBy,
    string RequestedVia,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string State,
    string? StatusMessage,
    string? Window,
    IReadOnlyList<ChangeRecordStep> Steps,
    IReadOnlyList<ChangeRecordGate> Gates,
    IReadOnlyList<ChangeRecordPhase> Phases,
    IReadOnlyList<string> WindowOpenings,
    JournalVerification Journal,
    DateTimeOffset ProducedAt);

/// <param name="Jobs">Each side effect: its description, Oracle VM job id (none for host commands) and status.</param>
public sealed record ChangeRecordStep(
    int Phase, string Step, string Title, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, TimeSpan? Duration,
    string? Message, IReadOnlyList<ChangeRecordJob> Jobs);

public sealed record ChangeRecordJob(string Description, string? JobId, string Status, string? Error);

/// <summary>One opening (round) of one gate: what it showed, who voted, and whether drift voided it.</summary>
public sealed record ChangeRecordGate(
    int Phase, string Gate, int Round, string Policy, GateSnapshot? Snapshot, IReadOnlyList<ChangeRecordVote> Votes, string? VoidedBecause);

/// <param name="Authentication">How the voter was authenticated (method, provider subject, sign-in time); the channel's own mapping when absent.</param>
public sealed record ChangeRecordVote(string User, string Decision, DateTimeOffset At, string Channel, string Authentication, string? Reason, string? ApprovedHash);

public sealed record ChangeRecordPhase(
    int Phase, string Target, string Hosting, string? OldManagerUuid, string? NewVmId, string? NewManagerUuid,
    string? RecordedInventory, InventoryDiff? Differences, HaDrillResult? Drill, IReadOnlyList<string> Warnings);
