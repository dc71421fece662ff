using System.Text.Json.Serialization;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// Which gate: a step's approval gate (named after the step) or one of the gates that are not steps
/// (they open when a step finds something a person must accept, or when someone asks for a rollback).
/// Only these values exist, so code compares gates, never spellings. Stored, sent and shown as the
/// plain name (<c>StopOldManager</c>, <c>Rollback</c>) through <see cref="GateKeyJsonConverter"/> and
/// the storage mapping, so databases, the API JSON and button values are what they were with strings.
/// </summary>
[JsonConverter(typeof(GateKeyJsonConverter))]
public readonly record struct GateKey
{
    private readonly string? name;

    private GateKey(string name) => this.name = name;

    public static GateKey AcknowledgeNonMinimal { get; } = new("AcknowledgeNonMinimal");

    public static GateKey AcceptDifferences { get; } = new("AcceptDifferences");

    /// <summary>The HA drill did not prove what it should; two people may accept the phase anyway.</summary>
    public static GateKey AcceptFailedDrill { get; } = new("AcceptFailedDrill");

    public static GateKey Rollback { get; } = new("Rollback");

    /// <summary>The gates that are not a step's approval, in the order messages list them.</summary>
    public static IReadOnlyList<GateKey> NotSteps { get; } = [AcknowledgeNonMinimal, AcceptDifferences, AcceptFailedDrill, Rollback];

    /// <summary>Every gate: each step's, then the others.</summary>
    public static IReadOnlyList<GateKey> All { get; } = [.. Enum.GetValues<StepKind>().Select(Of), .. NotSteps];

    /// <summary>The canonical name, as stored and shown.</summary>
    public string Name => name ?? "";

    /// <summary>The approval gate of <paramref name="step"/>.</summary>
    public static GateKey Of(StepKind step) => new(step.ToString());

    /// <summary>
    /// A gate named from outside (a command, a payload, a stored row), case aside, through the one
    /// vocabulary of gate names; never the general enum parser, which takes "1" and "A,B".
    /// </summary>
    public static bool TryParse(string? text, out GateKey gate) => Vocabularies.Gates.TryParse(text, out gate);

    /// <summary>A name that must be a gate (a stored row, a configured key); a wrong one is a broken invariant.</summary>
    public static GateKey Parse(string text) =>
        TryParse(text, out var gate) ? gate : throw new FormatException(Vocabularies.Gates.Refusal(text));

    /// <summary>The step whose approval this gate is; false for the gates that are not steps.</summary>
    public bool IsStep(out StepKind step) => Vocabularies.Steps.TryParse(name, out step);

    /// <summary>A gate a step opened for people to accept what it found: accepting it completes that step.</summary>
    public bool IsAcceptance => this == AcknowledgeNonMinimal || this == AcceptDifferences || this == AcceptFailedDrill;

    public override string ToString() => Name;
}
