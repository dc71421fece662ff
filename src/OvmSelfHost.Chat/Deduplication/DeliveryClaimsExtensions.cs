namespace OvmSelfHost.Chat.Deduplication;

public static class DeliveryClaimsExtensions
{
    /// <summary>
    /// Runs the effect of a claimed delivery. If it fails, the claim is released so that a retry is
    /// handled (the engine refuses what was already done: a second vote, a second migration of a
    /// pair). Once it succeeded, its answer is kept for replays before anyone is told.
    /// </summary>
    /// <param name="answer">The answer to keep for replays; null when the protocol gives a repeat none.</param>
    public static async Task<T> ActAsync<T>(this IDeliveryClaims claims, string key, Func<Task<T>> effect, Func<T, string?> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(answer);
        T result;
        try
        {
            result = await effect();
        }
        catch
        {
            await claims.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        if (answer(result) is { } text)
        {
            await claims.AnswerAsync(key, text, cancellationToken);
        }

        return result;
    }
}
