namespace OvmSelfHost.Configuration;

/// <summary><c>Runbook:GateTime:&lt;gate&gt;</c>: how long an opening of that gate waits for its decision, and then what.</summary>
public sealed class GateTimeOptions
{
    /// <summary>From the opening (hh:mm:ss); unset: until the run's maintenance window closes.</summary>
    public TimeSpan? WaitFor { get; set; }

    /// <summary>At the deadline: StaysOpen, Expires or Rejects. Required, so nobody gets a timeout they did not choose.</summary>
    public string? Then { get; set; }

    /// <summary>Reminders this long before the deadline (hh:mm:ss each), to the channel, naming the approvers.</summary>
    public List<TimeSpan> RemindBefore { get; set; } = [];

    /// <summary>People named in the reminders and the timeout message beside the approvers.</summary>
    public List<string> Escalate { get; set; } = [];
}
