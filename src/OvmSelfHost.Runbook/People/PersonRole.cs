namespace OvmSelfHost.Runbook.People;

public enum PersonRole
{
    Requester,
    Approver,
}
