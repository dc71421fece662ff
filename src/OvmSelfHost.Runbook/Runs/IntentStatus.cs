namespace OvmSelfHost.Runbook.Runs;

public enum IntentStatus
{
    /// <summary>About to call: if the bot stops now, nobody knows whether the call went out.</summary>
    Recorded,
    /// <summary>The call went out; for Oracle VM calls the job id is known.</summary>
    Issued,
    Completed,
    Failed,
}
