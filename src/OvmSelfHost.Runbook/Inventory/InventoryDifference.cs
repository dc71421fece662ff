namespace OvmSelfHost.Runbook.Inventory;

public sealed record InventoryDifference(DifferenceKind Kind, string ObjectType, string Id, string Name, string Detail);
