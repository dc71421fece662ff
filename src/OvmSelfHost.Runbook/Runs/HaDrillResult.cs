namespace OvmSelfHost.Runbook.Runs;

/// <summary>What the HA drill saw: where the manager VM moved, how long the move took, and how long the manager did not answer.</summary>
/// <param name="Interruption">The longest time the manager did not answer RUNNING with its UUID; zero when every probe was answered.</param>
/// <param name="Passed">The VM moved and the manager answered again within the allowed pause, still managing its servers.</param>
/// <param name="FailoverInterruption">With the failover drill: from stopping the VM's server until HA had restarted it and its manager answered.</param>
public sealed record HaDrillResult(string From, string To, TimeSpan MovedIn, TimeSpan Interruption, bool Passed, string Summary, string? JobId = null, TimeSpan? FailoverInterruption = null);
