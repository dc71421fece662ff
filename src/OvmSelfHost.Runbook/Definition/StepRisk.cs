namespace OvmSelfHost.Runbook.Definition;

public enum StepRisk
{
    None,
    Low,
    Medium,
    Dangerous,
}
