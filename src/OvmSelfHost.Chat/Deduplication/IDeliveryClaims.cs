namespace OvmSelfHost.Chat.Deduplication;

/// <summary>
/// Port: remembers every delivery the channels act on (a Slack slash command, click or event, a
/// Teams activity, a console vote), so that a replay or a retry, on any replica and after a
/// restart, changes nothing and gets the first answer again. The host implements it on its
/// database: a claim is one atomic insert of a unique key, made before any effect.
/// </summary>
public interface IDeliveryClaims
{
    /// <summary>Claims <paramref name="key"/> until <see cref="DeliveryClaim.ExpiresAt"/>; an expired claim of the same key is taken over.</summary>
    /// <param name="channel">The channel kind, for the record: "slack", "teams", "web".</param>
    /// <returns>Whether this delivery is the first, and if not, the first one's answer as far as it was stored.</returns>
    Task<DeliveryClaim> ClaimAsync(string key, string channel, CancellationToken cancellationToken);

    /// <summary>Keeps the answer given to the first delivery, for replays of it (each channel encodes its own).</summary>
    Task AnswerAsync(string key, string answer, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose handling failed before it changed anything, so that a retry is handled.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);
}
