namespace OvmSelfHost.Runbook.Steps;

/// <summary>Whether what an Oracle VM call asks for can be seen in the manager's inventory.</summary>
internal enum OperationEffect
{
    /// <summary>It is there: the call took effect (or was never needed).</summary>
    Present,

    /// <summary>It is not there: the call did not take effect, asking again is safe.</summary>
    Absent,

    /// <summary>The inventory does not show it (a refresh, an ISO mapping).</summary>
    Invisible,
}
