namespace OvmSelfHost.Runbook.Engine;

public enum OutcomeKind
{
    Done,
    NotFound,
    Invalid,
    Forbidden,
    Conflict,
}
