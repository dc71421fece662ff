namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record Manager : OvmObject
{
    public string? ManagerUuid { get; init; }

    public string? ManagerVersion { get; init; }

    /// <summary>STARTING, RUNNING, STOPPING, STOPPED (kept as a string: unknown values are tolerated).</summary>
    public string? ManagerRunState { get; init; }

    public long? ManagerTime { get; init; }
}
