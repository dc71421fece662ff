namespace OvmSelfHost.Runbook.Engine;

public enum RunNoticeKind
{
    /// <summary>The run's state changed (saved with it).</summary>
    Changed,

    /// <summary>A step printed a line (saved on its own, as it comes).</summary>
    Output,
}
