using System.Text.Json.Serialization;

namespace OvmSelfHost.Runbook.Ports;

/// <summary>
/// A modifying WS-API call the runbook may ask for. A closed set, so every intent in the journal
/// names exactly what was asked of Oracle VM.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(DiscoverServer), "discoverServer")]
[JsonDerivedType(typeof(CreateNfsFileServer), "createNfsFileServer")]
[JsonDerivedType(typeof(RefreshFileServer), "refreshFileServer")]
[JsonDerivedType(typeof(RefreshFileSystem), "refreshFileSystem")]
[JsonDerivedType(typeof(CreateClusteredPool), "createClusteredPool")]
[JsonDerivedType(typeof(AddServerToPool), "addServerToPool")]
[JsonDerivedType(typeof(CreateRepository), "createRepository")]
[JsonDerivedType(typeof(PresentRepository), "presentRepository")]
[JsonDerivedType(typeof(RefreshRepository), "refreshRepository")]
[JsonDerivedType(typeof(CloneVm), "cloneVm")]
[JsonDerivedType(typeof(CreateManagerVm), "createManagerVm")]
[JsonDerivedType(typeof(StartVm), "startVm")]
[JsonDerivedType(typeof(StopVm), "stopVm")]
[JsonDerivedType(typeof(AttachIso), "attachIso")]
[JsonDerivedType(typeof(MigrateVm), "migrateVm")]
public abstract record OvmOperation
{
    /// <summary>What a person reads in a proposal or the audit journal.</summary>
    public abstract string Describe();
}

/// <param name="AgentPasswordSecret">Name of the secret holding the agent password; the adapter resolves it.</param>
public sealed record DiscoverServer(string ServerName, string AgentPasswordSecret = "OVS_AGENT_PASSWORD") : OvmOperation
{
    public override string Describe() => $"discover server {ServerName}";
}

public sealed record CreateNfsFileServer(string Name, string AccessHost, IReadOnlyList<string> AdminServerIds) : OvmOperation
{
    public override string Describe() => $"register NFS file server {Name} ({AccessHost})";
}

public sealed record RefreshFileServer(string FileServerId) : OvmOperation
{
    public override string Describe() => $"refresh file server {FileServerId}";
}

public sealed record RefreshFileSystem(string FileSystemId) : OvmOperation
{
    public override string Describe() => $"refresh file system {FileSystemId}";
}

public sealed record CreateClusteredPool(string Name, string VirtualIp, string HeartbeatFileSystemId) : OvmOperation
{
    public override string Describe() => $"create clustered server pool {Name}";
}

public sealed record AddServerToPool(string PoolId, string ServerId) : OvmOperation
{
    public override string Describe() => $"add server {ServerId} to pool {PoolId}";
}

public sealed record CreateRepository(string Name, string FileSystemId) : OvmOperation
{
    public override string Describe() => $"create repository {Name}";
}

public sealed record PresentRepository(string RepositoryId, string ServerId) : OvmOperation
{
    public override string Describe() => $"present repository {RepositoryId} to server {ServerId}";
}

public sealed record RefreshRepository(string RepositoryId) : OvmOperation
{
    public override string Describe() => $"refresh repository {RepositoryId}";
}

/// <summary>
/// Clones a template into a pool as a new VM: the first job of <see cref="CreateManagerVm"/>, issued on its own
/// so that its job id is recorded (a restart waits for a clone in progress instead of cloning again).
/// </summary>
public sealed record CloneVm(string TemplateName, string Name, string PoolId, string RepositoryId) : OvmOperation
{
    public override string Describe() => $"clone template {TemplateName} as VM {Name} in pool {PoolId}";
}

/// <summary>
/// Creates the HA VM that will run a manager, from a template, in a clustered pool; when a VM of that name is
/// already in the pool (cloned by <see cref="CloneVm"/>), it is given the asked memory, CPUs and HA flag.
/// </summary>
public sealed record CreateManagerVm(
    string Name,
    string PoolId,
    string RepositoryId,
    string TemplateName,
    int MemoryMegabytes,
    int Cpus,
    int DiskGigabytes,
    bool HighAvailability,
    string? NetworkId) : OvmOperation
{
    public override string Describe() =>
        $"create VM {Name} in pool {PoolId} ({Cpus} CPUs, {MemoryMegabytes} MB, {DiskGigabytes} GB, HA {(HighAvailability ? "on" : "off")})";
}

public sealed record StartVm(string VmId) : OvmOperation
{
    public override string Describe() => $"start VM {VmId}";
}

public sealed record StopVm(string VmId) : OvmOperation
{
    public override string Describe() => $"stop VM {VmId}";
}

/// <summary>Attaches an ISO from a repository to a VM as a virtual CD-ROM (the installer DVD).</summary>
public sealed record AttachIso(string VmId, string RepositoryId, string IsoName) : OvmOperation
{
    public override string Describe() => $"attach {IsoName} to VM {VmId}";
}

/// <summary>Live-migrates a running VM to another server of its pool (<c>PUT /Vm/{id}/migrate?serverId=</c>): the HA drill.</summary>
public sealed record MigrateVm(string VmId, string ServerId, string? ServerName = null) : OvmOperation
{
    public override string Describe() => $"live-migrate VM {VmId} to server {ServerName ?? ServerId}";
}
