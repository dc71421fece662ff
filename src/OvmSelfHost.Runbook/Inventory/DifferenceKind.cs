namespace OvmSelfHost.Runbook.Inventory;

public enum DifferenceKind
{
    /// <summary>Recorded under the old manager, not seen by the new one.</summary>
    Missing,

    /// <summary>Seen, but owned by a manager with another UUID: the install used the wrong UUID. Never acceptable.</summary>
    OwnedByAnotherManager,
}
