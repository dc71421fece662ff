using OvmSelfHost.TestSupport.Ordering;

namespace OvmSelfHost.EndToEnd.Replicas;

/// <summary>
/// The replica drills run one after the other: each starts several hosts and a simulator, and side by side
/// with the crash matrix they starved it past its deadline on 2 cores.
/// </summary>
[CollectionDefinition(Name)]
[LongRunning(210)]
public sealed class ReplicaCollection
{
    public const string Name = "Replica drills";
}
