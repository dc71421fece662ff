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

    /// <summary>Gate names; each stands for its gate (<c>stopoldmanager</c> means <see cref="GateKey.Of"/> StopOldManager).</summary>
    public static Vocabulary<GateKey> Gates { get; } = new("gate", GateKey.All.Select(g => KeyValuePair.Create(g.Name, g)));

    /// <summary>A vocabulary of names that stand for themselves, such as command verbs or window names.</summary>
    public static Vocabulary<string> Of(string what, IEnumerable<string> names) =>
        new(what, names.Select(n => KeyValuePair.Create(n, n)));

    /// <summary>An enum's names, written in lower case; never its numbers, never combinations.</summary>
    public static Vocabulary<TEnum> OfEnum<TEnum>(string what)
        where TEnum : struct, Enum =>
        new(what, Enum.GetValues<TEnum>().Select(v => KeyValuePair.Create(v.ToString().ToLowerInvariant(), v)));
}
