using System.Text.RegularExpressions;

namespace OvmSelfHost.Simulator.Inferred;

/// <summary>
/// Every behaviour the reference marks [I] (inferred) or leaves open, decided in one place.
/// The README lists them; change them here.
/// </summary>
internal static partial class InferredChoices
{
    /// <summary>Reference 5: HTTP status for each error code (the real statuses are not documented).</summary>
    public static int HttpStatusFor(string errorCode) => errorCode switch
    {
        "AUTH_000005" or "AUTH_000000" => 401,
        "AUTH_000006" => 403,
        "GEN_000002" or "GEN_000003" => 404,
        "GEN_000000" => 500,
        _ => 400,
    };

    /// <summary>Reference 5: modifying calls (POST, PUT, DELETE) answer 201 with the Job.</summary>
    public const int JobCreatedStatus = 201;

    /// <summary>Reference 1: cookie name of the session (WebLogic's).</summary>
    public const string SessionCookie = "JSESSIONID";

    /// <summary>Reference 1: without an Accept header the real manager may answer XML; we answer JSON.</summary>
    public static readonly bool JsonWhenNoAccept = true;

    /// <summary>Reference 6.8: the clone call accepts an extra <c>name</c> query parameter; without it the clone is named like this.</summary>
    public static string CloneName(string sourceName, int ordinal) => $"{sourceName}.{ordinal}";

    /// <summary>Reference 6.2 / 10: progress message of a partial discovery of a server owned by another manager.</summary>
    public static string OwnedByAnotherManager(string serverName, string ownerUuid) =>
        $"OVMAPI_4010E Server {serverName} is owned by another manager ({ownerUuid}). Server discovered partially: " +
        "its server pool, repositories and virtual machines are not visible until ownership is released there.";

    /// <summary>PROCEDURE invariant 2: discovering a server that a running twin (same UUID) manages fails the job.</summary>
    public static string SameUuidStillRunning(string serverName, string uuid, string twinHost) =>
        $"Server {serverName} is actively managed by another running Oracle VM Manager with the same UUID ({uuid}) on {twinHost}; stop that manager first";

    /// <summary>Reference 11: state of a failed server (the real manager shows it unreachable).</summary>
    public const string FailedServerRunState = "STOPPED";

    /// <summary>
    /// Reference 11: HA restarts wait for the cluster to fence the failed server: <c>HaRestartSeconds</c> of the
    /// settings (30 s, the lowest clusterTimeout), then go to the least loaded running server with room for the VM's memory.
    /// </summary>
    public const string HaTargetChoice = "least loaded running server of the pool, with the VM's memory free";

    /// <summary>Reference 6.8 [I]: <c>PUT /Vm/{id}/migrate?serverId=</c>; without serverId the least loaded other server with room.</summary>
    public const string MigrateWithoutTarget = "least loaded other running server with room";

    /// <summary>A live migration ends with a stop-and-copy pause (<c>MigrationPauseSeconds</c>): the guest answers nothing meanwhile.</summary>
    public const string MigrationPause = "guest unreachable for MigrationPauseSeconds at the end of the job";

    /// <summary>Reference 4: <c>GET /Job/active</c> answers full Job objects.</summary>
    public static readonly bool ActiveJobsAsObjects = true;

    /// <summary>Reference 9.2: accepted <c>--uuid</c> values: 32 hex digits starting 0004fb (case-insensitive).</summary>
    [GeneratedRegex("^0004fb[0-9a-fA-F]{26}$")]
    public static partial Regex ManagerUuidFormat();

    /// <summary>Reference 9.4: free space (MB) of a freshly installed Oracle Linux manager VM; memory and CPUs follow the VM.</summary>
    public static readonly IReadOnlyDictionary<string, long> VmGuestFreeMb = new Dictionary<string, long>
    {
        ["/u01"] = 40960, ["/tmp"] = 8192, ["/var"] = 8192, ["/usr"] = 6144,
    };

    public const string VmGuestOsRelease = "Oracle Linux Server release 7.9";
    public const long VmGuestSwapMb = 4096;

    /// <summary>Reference 9.2: the installer refuses hosts below this memory unless <c>--noprereq</c>.</summary>
    public const long InstallerMinimumMemoryMb = 7680;

    /// <summary>The installer lives on the ISO: a manager VM needs a CD-ROM mapping of an ISO whose name starts with this.</summary>
    public const string InstallerIsoPrefix = "OracleVM-Manager";

    /// <summary>Stopping <c>ovmm</c> closes the manager's listeners: clients get "connection refused"; false: listeners stay open and answer 503.</summary>
    public static readonly bool StoppedManagerRefusesConnections = true;

    /// <summary>The error type of a job aborted through <c>PUT /Job/{id}/abort</c>.</summary>
    public const string AbortErrorType = "ABORT";
}
