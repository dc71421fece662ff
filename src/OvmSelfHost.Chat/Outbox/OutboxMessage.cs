namespace OvmSelfHost.Chat.Outbox;

/// <summary>
/// One row of the outbox: something a chat channel must show, kept until the channel accepted it.
/// Rows of one <see cref="Conversation"/> of one <see cref="Channel"/> are delivered in <see cref="Id"/> order.
/// </summary>
/// <param name="Id">Ordered by writing; 0 for a row not yet written.</param>
/// <param name="Channel">The chat channel: "slack", "teams".</param>
/// <param name="Conversation">What the order is kept within: a migration's messages, or one chat conversation.</param>
/// <param name="MigrationId">Set for a migration's rows: its messages are brought up to date with the stored run.</param>
/// <param name="Line">A line for the migration's thread, or the text of a post; null for a refresh only.</param>
/// <param name="Address">For a post that belongs to no migration: where it goes, in the channel's own form.</param>
/// <param name="Attempts">Deliveries tried and failed so far.</param>
public sealed record OutboxMessage(long Id, string Channel, string Conversation, Guid? MigrationId, string? Line, string? Address, int Attempts = 0)
{
    /// <summary>A migration's messages, brought up to date, with <paramref name="line"/> (if any) added to its thread.</summary>
    public static OutboxMessage ForRun(string channel, Guid migrationId, string? line) =>
        new(0, channel, RunConversation(migrationId), migrationId, line, null);

    /// <summary>A post of <paramref name="text"/> to <paramref name="address"/>, in order with the other posts to <paramref name="conversation"/>.</summary>
    public static OutboxMessage Post(string channel, string conversation, string address, string text) =>
        new(0, channel, conversation, null, text, address);

    public static string RunConversation(Guid migrationId) => $"run:{migrationId:N}";
}
