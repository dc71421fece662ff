using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Chat.Commands;

/// <summary>What the bot answers: text a person reads, and the run it is about, if any.</summary>
public sealed record CommandReply(OutcomeKind Kind, string Text, Guid? MigrationId = null)
{
    public bool Succeeded => Kind == OutcomeKind.Done;

    public static CommandReply Done(string text, Guid? id = null) => new(OutcomeKind.Done, text, id);
    public static CommandReply Invalid(string text) => new(OutcomeKind.Invalid, text);
    public static CommandReply From(CommandOutcome outcome) => new(outcome.Kind, outcome.Message, outcome.Run?.Id);
}
