namespace OvmSelfHost.Ovm.WsApi;

/// <summary>
/// How often a job is read while waiting: every <see cref="Eager"/> for the first <see cref="EagerPeriod"/>,
/// so short jobs are seen within a second; then, when the caller knows how long such a job usually takes,
/// once at that moment; then backing off from <see cref="Eager"/> to <see cref="Cap"/>. A long job whose
/// length is known costs a read or two a minute and is still seen within about a second of its end.
/// A manager's start is waited for <see cref="Steadily"/> instead.
/// </summary>
internal sealed record JobPolling(TimeSpan Eager, TimeSpan EagerPeriod, TimeSpan Cap)
{
    public static JobPolling Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    public Schedule Start(TimeSpan? expected) => new(this, expected);

    /// <summary>
    /// Every <see cref="Eager"/> until the end: for a manager that is starting. Its start began before the wait (with the
    /// installer's end, say), so no usual length places a read at its end; backing off had it seen up to 3 s late (the
    /// orchestration benchmark's Rediscover). A look costs a refused connection or one small read, a few times a run.
    /// </summary>
    public Schedule Steadily() => new(this, expected: null, steady: true);

    /// <summary>The waits of one job: stateful, one per wait.</summary>
    internal sealed class Schedule(JobPolling polling, TimeSpan? expected, bool steady = false)
    {
        private TimeSpan backoff = TimeSpan.Zero;

        /// <summary>The wait before the next read, given how long the job has been waited for.</summary>
        public TimeSpan Next(TimeSpan elapsed)
        {
            if (steady || elapsed < polling.EagerPeriod)
            {
                // A job usually over within the eager period is read right at its usual end too, not up to a second later.
                return expected is { } soon && soon > elapsed && soon - elapsed < polling.Eager ? soon - elapsed : polling.Eager;
            }

            if (expected is { } usual && elapsed < usual)
            {
                return usual - elapsed;
            }

            backoff = backoff == TimeSpan.Zero ? polling.Eager : (backoff * 2 < polling.Cap ? backoff * 2 : polling.Cap);
            return backoff;
        }
    }
}
