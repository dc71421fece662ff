namespace OvmSelfHost.Chat.Outbox;

/// <summary>
/// The relay's hold on the conversation it is delivering to. A delivery can outlast the hold taken before it
/// (a slow channel, a loaded machine), and another replica may then relay the same rows: a target confirms the
/// hold right before each post, which extends it, so two replicas never both post. Edits need no hold: an edit
/// made twice shows the same thing.
/// </summary>
public sealed class OutboxHold(Func<CancellationToken, Task<bool>> extend)
{
    /// <summary>A hold nobody can take away: one process, or a test of a target alone.</summary>
    public static OutboxHold Unconditional { get; } = new(_ => Task.FromResult(true));

    /// <summary>Extends the hold before a post; throws <see cref="OutboxHoldLostException"/> when another replica relays the conversation now.</summary>
    public async Task ConfirmAsync(CancellationToken cancellationToken)
    {
        if (!await extend(cancellationToken))
        {
            throw new OutboxHoldLostException();
        }
    }
}
