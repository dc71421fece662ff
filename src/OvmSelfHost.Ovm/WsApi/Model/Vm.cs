using System.Text.Json.Serialization;

namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record Vm : OvmObject
{
    /// <summary>TEMPLATE, STARTING, RUNNING, STOPPING, STOPPED, SUSPENDED.</summary>
    public string? VmRunState { get; init; }

    public int? Memory { get; init; }

    public int? MemoryLimit { get; init; }

    public int? CpuCount { get; init; }

    public int? CpuCountLimit { get; init; }

    public bool HighAvailability { get; init; }

    public string? OsType { get; init; }

    public string? VmDomainType { get; init; }

    public SimpleId? RepositoryId { get; init; }

    public SimpleId? ServerPoolId { get; init; }

    public SimpleId? ServerId { get; init; }

    public List<SimpleId>? VmDiskMappingIds { get; init; }

    public List<SimpleId>? VirtualNicIds { get; init; }

    [JsonIgnore]
    public bool IsTemplate => string.Equals(VmRunState, "TEMPLATE", StringComparison.OrdinalIgnoreCase);
}
