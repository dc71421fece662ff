using Microsoft.Extensions.Logging;
using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>
/// One Oracle VM Manager through its WS-API (Refit). Reads are retried on transient failures by the HTTP
/// pipeline; modifying calls are sent once and answer with the job's ticket at once.
/// </summary>
public sealed partial class WsApiOvmManager : IOvmManager
{
    private readonly IOvmWsApi _api;
    private readonly ManagerEndpoint _endpoint;
    private readonly WsApiFaults _faults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, string?> _secrets;
    private readonly JobPolling _polling;

    internal WsApiOvmManager(
        IOvmWsApi api, ManagerEndpoint endpoint, TimeProvider time, ILogger logger, Func<string, string?> secrets, JobPolling? polling = null)
    {
        _api = api;
        _endpoint = endpoint;
        _faults = new WsApiFaults(endpoint);
        _time = time;
        _logger = logger;
        _secrets = secrets;
        _polling = polling ?? JobPolling.Default;
    }

    /// <summary>Reads the manager's certificate on a fresh connection; null when the manager is not reached over TLS.</summary>
    internal Http.CertificateProbe? Certificates { get; init; }

    public Task<CertificateReading?> ReadCertificateAsync(CancellationToken cancellationToken) =>
        Certificates?.ReadAsync(cancellationToken) ?? Task.FromResult<CertificateReading?>(null);

    /// <summary>How long one intermediate job of a multi-job operation may take (see <see cref="StartAsync"/>).</summary>
    public TimeSpan IntermediateJobTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public async Task<ManagerStatus> GetStatusAsync(CancellationToken cancellationToken) => Status(await ManagerAsync(cancellationToken));

    public async Task<ManagerStatus> ProbeStatusAsync(CancellationToken cancellationToken) => Status(await ManagerAsync(cancellationToken, singleAttempt: true));

    private static ManagerStatus Status(Manager manager) =>
        new(manager.IdValue, manager.Name ?? "", manager.ManagerUuid ?? manager.IdValue, manager.ManagerRunState ?? "UNKNOWN");

    private async Task<Manager> ManagerAsync(CancellationToken cancellationToken, bool singleAttempt = false)
    {
        var managers = await _faults.ContentAsync(
            () => singleAttempt ? _api.ProbeManagers(true, cancellationToken) : _api.GetManagers(cancellationToken), "read the manager");
        return managers.FirstOrDefault()
            ?? throw new OvmFaultException(OvmFaultKind.BadResponse, $"{_endpoint.Label} answered GET /Manager with an empty list.");
    }

    private Task<T> Read<T>(Func<CancellationToken, Task<Refit.IApiResponse<T>>> call, string what, CancellationToken cancellationToken) =>
        _faults.ContentAsync(() => call(cancellationToken), what);
}
