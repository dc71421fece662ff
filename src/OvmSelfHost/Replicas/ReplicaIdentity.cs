namespace OvmSelfHost.Replicas;

/// <summary>This process: the replica's configured name, and an instance id never used by another start.</summary>
public sealed record ReplicaIdentity(string Name, string Instance)
{
    public static ReplicaIdentity Start(string name) => new(name, $"{name}/{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 113)]);
}
