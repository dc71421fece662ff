using OvmSelfHost.Chat.Replies;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Chat.Commands;

/// <summary>
/// What the bot answers: text a person reads, the run it is about, if any, and for the longer replies
/// their structure (<see cref="Document"/>), which a channel renders in its own form; <see cref="Text"/>
/// is then the same structure as plain text.
/// </summary>
public sealed record CommandReply(OutcomeKind Kind, string Text, Guid? MigrationId = null, ReplyDocument? Document = null)
{
    public bool Succeeded => Kind == OutcomeKind.Done;

    public static CommandReply Done(string text, Guid? id = null) => new(OutcomeKind.Done, text, id);
    public static CommandReply Done(ReplyDocument document, Guid? id = null) => new(OutcomeKind.Done, document.PlainText(), id, document);
    public static CommandReply Invalid(string text) => new(OutcomeKind.Invalid, text);
    public static CommandReply From(CommandOutcome outcome) => new(outcome.Kind, outcome.Message, outcome.Run?.Id);
}
