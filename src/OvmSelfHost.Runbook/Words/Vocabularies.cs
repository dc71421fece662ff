using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Words;

/// <summary>
/// Every list of words a person or a payload may send, each in one place: decisions, operator
/// actions, gate names and step names. Command verbs and window names are built where their list
/// lives (the command language, the configured windows) with <see cref="Of"/>.
/// </summary>
public static class Vocabularies
{
    public static Vocabulary<VoteDecision> Decisions { get; } = OfEnum<VoteDecision>("decision");

    public static Vocabulary<OperatorAction> Actions { get; } = OfEnum<OperatorAction>("action");

    public static Vocabulary<StepKind> Steps { get; } = new("step", Enum.GetValues<StepKind>().Select(k => KeyValuePair.Create(k.ToString(), k)));

    /// <summary>Gate names; each stands for its canonical spelling (<c>stopoldmanager</c> means <c>StopOldManager</c>).</summary>
    public static Vocabulary<string> Gates { get; } =
        Of("gate", [.. Enum.GetNames<StepKind>(), GateKeys.AcknowledgeNonMinimal, GateKeys.AcceptDifferences, GateKeys.AcceptFailedDrill, GateKeys.Rollback]);

    /// <summary>A vocabulary of names that stand for themselves, such as command verbs or window names.</summary>
    public static Vocabulary<string> Of(string what, IEnumerable<string> names) =>
        new(what, names.Select(n => KeyValuePair.Create(n, n)));

    /// <summary>An enum's names, written in lower case; never its numbers, never combinations.</summary>
    public static Vocabulary<TEnum> OfEnum<TEnum>(string what)
        where TEnum : struct, Enum =>
        new(what, Enum.GetValues<TEnum>().Select(v => KeyValuePair.Create(v.ToString().ToLowerInvariant(), v)));
}
