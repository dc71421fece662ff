namespace OvmSelfHost.Chat.Messages;

/// <summary>
/// A message a channel posted about a migration and keeps editing: the run's progress message, or
/// one gate's proposal. Persisted so that after a restart the same message is updated.
/// </summary>
/// <param name="Channel">The chat channel kind: "slack", "teams".</param>
/// <param name="Key">"run" for the progress message, "gate:{proposal key}" for a proposal.</param>
/// <param name="Conversation">Where the message is (Slack: the channel id).</param>
/// <param name="MessageId">The message's id there (Slack: its ts).</param>
/// <param name="Closed">The message is final (a decided gate): it is not edited again.</param>
public sealed record ChatMessageRef(string Channel, Guid MigrationId, string Key, string Conversation, string MessageId, bool Closed = false)
{
    public const string RunKey = "run";

    public static string GateKey(Runbook.Gates.ProposalKey key) => "gate:" + key;
}
