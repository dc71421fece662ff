namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// Gates that are not "approve this step before it runs": they open when a step finds something a
/// person must accept, or when someone asks for a rollback. Step gates use the step's name.
/// </summary>
public static class GateKeys
{
    public const string AcknowledgeNonMinimal = "AcknowledgeNonMinimal";
    public const string AcceptDifferences = "AcceptDifferences";

    /// <summary>The HA drill did not prove what it should; two people may accept the phase anyway.</summary>
    public const string AcceptFailedDrill = "AcceptFailedDrill";
    public const string Rollback = "Rollback";
}
