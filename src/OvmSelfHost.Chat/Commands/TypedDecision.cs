using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Chat.Commands;

/// <summary>
/// <c>/ovm approve &lt;id&gt; &lt;gate&gt;</c> and <c>/ovm reject &lt;id&gt; &lt;gate&gt; &lt;reason&gt;</c>: a typed decision names
/// the gate it decides. The name is the confirmation of a dangerous gate, so such an approval is
/// never one ambiguous word; without it, or with another gate, the answer says what waits and the
/// exact command to type, and nothing is recorded.
/// </summary>
internal static class TypedDecision
{
    /// <summary>Words before a rejection's reason: the id and the gate.</summary>
    public const int WordsBeforeReason = 2;

    /// <returns>The opening the command decides, or the reply that refuses it.</returns>
    public static (GateOpening? Opening, CommandReply? Refusal) Bind(MigrationRun run, ChatCommand command, GateOpening? waiting)
    {
        var id = RunText.ShortId(run.Id);
        if (waiting is null)
        {
            return (null, new CommandReply(OutcomeKind.Conflict,
                $"Nothing of {id} waits for a decision (it is {run.State} at phase {run.Phase} {run.Step}); nothing was recorded.", run.Id));
        }

        var exact = Exact(command.Verb, id, waiting.Gate);
        if (command.Arguments.Count < WordsBeforeReason)
        {
            return (null, new CommandReply(OutcomeKind.Invalid,
                $"Name the gate you {command.Verb}: {id} waits on {waiting.Describe()}. Type {exact}. Nothing was recorded.", run.Id));
        }

        if (!Vocabularies.Gates.TryParse(command.Arguments[1], out var gate))
        {
            return (null, new CommandReply(OutcomeKind.Invalid,
                $"'{command.Arguments[1]}' is not a gate (gates: {string.Join(", ", Vocabularies.Gates.Words)}). {id} waits on {waiting.Describe()}: type {exact}. Nothing was recorded.", run.Id));
        }

        return gate == waiting.Gate
            ? (waiting, null)
            : (null, new CommandReply(OutcomeKind.Conflict,
                $"{gate} is not waiting: {id} waits on {waiting.Describe()}. To decide that, type {exact}. Nothing was recorded.", run.Id));
    }

    private static string Exact(string verb, string id, GateKey gate) =>
        verb == "reject" ? $"/ovm reject {id} {gate} <reason>" : $"/ovm approve {id} {gate}";
}
