namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// The time policy of one gate opening, fixed when it opened and saved with the run: when it must be
/// decided by, when to remind, and which of those have happened. A reminder or a timeout is recorded
/// here in the same save that tells the channel, so a trigger fired again (on another replica, after a
/// restart) finds it done and changes nothing.
/// </summary>
public sealed record GateClock
{
    public required GateKey Gate { get; init; }

    public required int Round { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Null: nothing limits the wait (no configured duration and no window).</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Where the deadline comes from, in words ("waits 01:00:00", "window nightly closes").</summary>
    public string DeadlineFrom { get; init; } = "";

    public GateTimeout Then { get; init; }

    public List<DateTimeOffset> RemindAt { get; init; } = [];

    /// <summary>Indexes into <see cref="RemindAt"/> of the reminders already posted.</summary>
    public List<int> Reminded { get; init; } = [];

    public DateTimeOffset? TimedOutAt { get; set; }

    public bool Names(GateOpening opening) => Gate == opening.Gate && Round == opening.Round;
}
