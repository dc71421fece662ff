namespace OvmSelfHost.Replicas;

/// <summary>
/// <c>Replicas</c>: this replica's name and its leases. The defaults suit several replicas on one
/// PostgreSQL database as well as the embedded single process: a dead holder's runs are taken over
/// within <see cref="LeaseDuration"/> plus <see cref="SweepEvery"/>.
/// </summary>
public sealed class ReplicaOptions
{
    public const string SectionName = "Replicas";

    /// <summary>Unique per replica and stable across its restarts (a restarted replica takes its own runs back at once).</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>How long a lease lasts without renewal: the longest a dead holder's run waits for another replica.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often held leases are renewed (at most a third of <see cref="LeaseDuration"/>, so one late renewal is survived).</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a replica looks for runs without a live executor, and takes them.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long an outbox conversation stays with the replica relaying it: longer than a chat call may take,
    /// so that a slow call is never repeated by another replica; a dead relayer's messages wait this long.
    /// </summary>
    public TimeSpan RelayLeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
}
