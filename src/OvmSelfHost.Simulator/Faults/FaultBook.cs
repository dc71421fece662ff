namespace OvmSelfHost.Simulator.Faults;

/// <summary>The active faults of a world.</summary>
internal sealed class FaultBook
{
    private readonly List<Fault> faults = [];
    private int next;

    public IReadOnlyList<Fault> All => faults;

    public Fault Add(Func<string, Fault> create)
    {
        var fault = create($"fault-{++next}");
        faults.Add(fault);
        return fault;
    }

    /// <summary>Finds (and consumes one use of) the first fault of one of <paramref name="kinds"/> matching the call.</summary>
    public Fault? Take(string manager, string method, string path, string? operation, params FaultKind[] kinds)
    {
        var fault = faults.FirstOrDefault(f => kinds.Contains(f.Kind) && f.ObjectId is null && f.Matches(manager, method, path, operation));
        fault?.Consume();
        return fault;
    }

    public IReadOnlyList<Fault> Clear(string? id = null)
    {
        var removed = faults.Where(f => id is null || f.Id == id).ToList();
        foreach (var f in removed)
        {
            f.Active = false;
            faults.Remove(f);
        }
        return removed;
    }
}
