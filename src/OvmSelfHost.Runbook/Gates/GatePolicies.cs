using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>Who must approve what: a policy per gate, with the safe defaults of the design.</summary>
public sealed class GatePolicies
{
    /// <summary>Each step's default gate from its <see cref="Procedure"/> row, plus the gates that are not steps.</summary>
    public static IReadOnlyDictionary<string, ApprovalPolicy> Defaults { get; } =
        Procedure.Steps.ToDictionary(s => s.Kind.ToString(), s => s.DefaultGate)
            .Concat(new Dictionary<string, ApprovalPolicy>
            {
                [GateKeys.AcknowledgeNonMinimal] = ApprovalPolicy.OneApprover,
                [GateKeys.AcceptDifferences] = ApprovalPolicy.TwoApprovers,
                [GateKeys.AcceptFailedDrill] = ApprovalPolicy.TwoApprovers,
                [GateKeys.Rollback] = ApprovalPolicy.TwoApprovers,
            })
            .ToDictionary();

    private readonly Dictionary<string, ApprovalPolicy> policies;

    public GatePolicies(IReadOnlyDictionary<string, ApprovalPolicy>? overrides = null)
    {
        policies = new Dictionary<string, ApprovalPolicy>(Defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (gate, policy) in overrides ?? new Dictionary<string, ApprovalPolicy>())
        {
            if (!IsKnownGate(gate))
            {
                throw new ArgumentException($"Unknown gate '{gate}'. Known gates: {string.Join(", ", KnownGates)}.", nameof(overrides));
            }

            policies[gate] = policy;
        }
    }

    /// <summary>
    /// Separation of duties on top of "never the requester" and "N distinct approvers": nobody approves
    /// both cutovers of one migration (StopOldManager of phase 1 and of phase 2), so each environment's
    /// point of no return is checked by someone who did not already commit the other.
    /// </summary>
    public bool SeparateCutoverApprovers { get; init; }

    /// <summary>Why <paramref name="person"/> may not approve the gate waiting in <paramref name="run"/> under separation of duties; null when they may.</summary>
    public string? SeparationRefusal(MigrationRun run, string person)
    {
        if (!SeparateCutoverApprovers || run.PendingGate != nameof(StepKind.StopOldManager))
        {
            return null;
        }

        var other = run.Votes.FirstOrDefault(v =>
            v.Gate == nameof(StepKind.StopOldManager) && v.Phase != run.Phase && v.Decision == VoteDecision.Approve
            && string.Equals(v.User, person, StringComparison.OrdinalIgnoreCase));
        return other is null
            ? null
            : $"{person} approved the cutover of phase {other.Phase} (StopOldManager, {other.At.UtcDateTime:yyyy-MM-dd HH:mm}Z); "
              + "separation of duties (Runbook:SeparateCutoverApprovers) needs someone else for this cutover; nothing was recorded.";
    }

    /// <summary>Each gate's time policy (how long an opening waits, then what); a gate without one waits as long as it takes.</summary>
    public IReadOnlyDictionary<string, GateTimePolicy> Times { get; init; } = new Dictionary<string, GateTimePolicy>();

    public GateTimePolicy? TimeFor(string gate) =>
        Times.FirstOrDefault(t => string.Equals(t.Key, gate, StringComparison.OrdinalIgnoreCase)).Value;

    public static IEnumerable<string> KnownGates => Vocabularies.Gates.Words;

    public static bool IsKnownGate(string gate) => Vocabularies.Gates.TryParse(gate, out _);

    public ApprovalPolicy For(string gate) => policies.GetValueOrDefault(gate, ApprovalPolicy.None);

    public ApprovalPolicy For(StepKind step) => For(step.ToString());

    public static int RequiredApprovals(ApprovalPolicy policy) => policy switch
    {
        ApprovalPolicy.None => 0,
        ApprovalPolicy.OneApprover => 1,
        _ => 2,
    };

    /// <summary>Dangerous gates are never approved by the person who asked for the migration.</summary>
    public bool RequesterMayVote(string gate) =>
        For(gate) != ApprovalPolicy.TwoApprovers
        && !(Words.Vocabularies.Steps.TryParse(gate, out var step) && Procedure.Step(step).Risk == StepRisk.Dangerous)
        && gate != GateKeys.Rollback;
}
