using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>Who must approve what: a policy per gate, with the safe defaults of the design.</summary>
public sealed class GatePolicies
{
    private static readonly GateKey Cutover = GateKey.Of(StepKind.StopOldManager);

    /// <summary>Each step's default gate from its <see cref="Procedure"/> row, plus the gates that are not steps.</summary>
    public static IReadOnlyDictionary<GateKey, ApprovalPolicy> Defaults { get; } =
        Procedure.Steps.ToDictionary(s => GateKey.Of(s.Kind), s => s.DefaultGate)
            .Concat(new Dictionary<GateKey, ApprovalPolicy>
            {
                [GateKey.AcknowledgeNonMinimal] = ApprovalPolicy.OneApprover,
                [GateKey.AcceptDifferences] = ApprovalPolicy.TwoApprovers,
                [GateKey.AcceptFailedDrill] = ApprovalPolicy.TwoApprovers,
                [GateKey.Rollback] = ApprovalPolicy.TwoApprovers,
            })
            .ToDictionary();

    private readonly Dictionary<GateKey, ApprovalPolicy> policies;

    /// <param name="overrides">By gate name, as configured (case aside); an unknown name is refused with the known ones.</param>
    public GatePolicies(IReadOnlyDictionary<string, ApprovalPolicy>? overrides = null)
    {
        policies = new Dictionary<GateKey, ApprovalPolicy>(Defaults);
        foreach (var (name, policy) in overrides ?? new Dictionary<string, ApprovalPolicy>())
        {
            if (!GateKey.TryParse(name, out var gate))
            {
                throw new ArgumentException($"Unknown gate '{name}'. Known gates: {string.Join(", ", KnownGates)}.", nameof(overrides));
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
        ArgumentNullException.ThrowIfNull(run);
        if (!SeparateCutoverApprovers || run.PendingGate != Cutover)
        {
            return null;
        }

        var other = run.Votes.FirstOrDefault(v =>
            v.Gate == Cutover && v.Phase != run.Phase && v.Decision == VoteDecision.Approve
            && string.Equals(v.User, person, StringComparison.OrdinalIgnoreCase));
        return other is null
            ? null
            : $"{person} approved the cutover of phase {other.Phase} (StopOldManager, {other.At.UtcDateTime:yyyy-MM-dd HH:mm}Z); "
              + "separation of duties (Runbook:SeparateCutoverApprovers) needs someone else for this cutover; nothing was recorded.";
    }

    /// <summary>Each gate's time policy (how long an opening waits, then what); a gate without one waits as long as it takes.</summary>
    public IReadOnlyDictionary<GateKey, GateTimePolicy> Times { get; init; } = new Dictionary<GateKey, GateTimePolicy>();

    public GateTimePolicy? TimeFor(GateKey gate) => Times.GetValueOrDefault(gate);

    public static IEnumerable<string> KnownGates => Vocabularies.Gates.Words;

    public static bool IsKnownGate(string gate) => GateKey.TryParse(gate, out _);

    public ApprovalPolicy For(GateKey gate) => policies.GetValueOrDefault(gate, ApprovalPolicy.None);

    public ApprovalPolicy For(StepKind step) => For(GateKey.Of(step));

    public static int RequiredApprovals(ApprovalPolicy policy) => policy switch
    {
        ApprovalPolicy.None => 0,
        ApprovalPolicy.OneApprover => 1,
        _ => 2,
    };

    /// <summary>Dangerous gates are never approved by the person who asked for the migration.</summary>
    public bool RequesterMayVote(GateKey gate) =>
        For(gate) != ApprovalPolicy.TwoApprovers
        && !(gate.IsStep(out var step) && Procedure.Step(step).Risk == StepRisk.Dangerous)
        && gate != GateKey.Rollback;
}
