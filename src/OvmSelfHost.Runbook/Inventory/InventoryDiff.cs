namespace OvmSelfHost.Runbook.Inventory;

public sealed record InventoryDiff(IReadOnlyList<InventoryDifference> Differences, int RecordedCount, int SeenCount)
{
    public bool IsEmpty => Differences.Count == 0;

    public bool HasOwnershipConflict => Differences.Any(d => d.Kind == DifferenceKind.OwnedByAnotherManager);

    public string Summarize(int max = 10)
    {
        if (IsEmpty)
        {
            return $"All {RecordedCount} recorded items are seen again.";
        }

        var lines = Differences.Take(max).Select(d => $"- {d.Kind}: {d.ObjectType} {d.Name} ({d.Id}): {d.Detail}");
        var more = Differences.Count > max ? $"\n- … and {Differences.Count - max} more" : "";
        return $"{Differences.Count} of {RecordedCount} recorded items differ:\n{string.Join('\n', lines)}{more}";
    }
}
