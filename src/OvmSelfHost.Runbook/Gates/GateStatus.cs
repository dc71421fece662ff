namespace OvmSelfHost.Runbook.Gates;

public enum GateStatus
{
    /// <summary>Waiting for votes: the channel shows live buttons.</summary>
    Open,
    Approved,
    Rejected,
    /// <summary>Closed without enough votes: the migration was aborted, failed or moved on.</summary>
    Closed,
}
