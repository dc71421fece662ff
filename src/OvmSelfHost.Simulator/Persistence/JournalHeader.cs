namespace OvmSelfHost.Simulator.Persistence;

/// <summary>The first line of a saved world: what it was built from. A world saved from another build is not replayed.</summary>
internal sealed record JournalHeader(int Version, string Scenario, double TimeScale)
{
    public const int CurrentVersion = 1;
}
