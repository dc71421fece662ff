namespace OvmSelfHost.Runbook.Gates;

public enum VoteDecision
{
    Approve,
    Reject,
}
