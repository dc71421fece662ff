namespace OvmSelfHost.Runbook.Gates;

public enum ApprovalPolicy
{
    None,
    OneApprover,
    TwoApprovers,
}
