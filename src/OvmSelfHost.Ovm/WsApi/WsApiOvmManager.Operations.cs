using Microsoft.Extensions.Logging;
using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;
using Refit;

namespace OvmSelfHost.Ovm.WsApi;

public sealed partial class WsApiOvmManager
{
    /// <summary>
    /// Sends the operation's modifying call once (never retried) and returns its job's ticket without waiting.
    /// <see cref="CreateClusteredPool"/> and <see cref="CreateManagerVm"/> need several jobs in a row (each needs the
    /// id the previous one created): the earlier jobs are awaited here, skipped when their result already exists
    /// (so issuing the operation again after a crash resumes it), and the ticket of the last job is returned.
    /// </summary>
    public Task<OvmJobTicket> StartAsync(OvmOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var ct = cancellationToken;
        return operation switch
        {
            DiscoverServer d => SubmitAsync(() => _api.DiscoverServer(d.ServerName, true, AgentPassword(d), ct), d),
            CreateNfsFileServer f => CreateFileServerAsync(f, ct),
            RefreshFileServer r => SubmitAsync(() => _api.RefreshFileServer(r.FileServerId, ct), r),
            RefreshFileSystem r => SubmitAsync(() => _api.RefreshFileSystem(r.FileSystemId, ct), r),
            CreateClusteredPool p => CreateClusteredPoolAsync(p, ct),
            AddServerToPool a => SubmitAsync(() => _api.AddServerToPool(a.PoolId, SimpleId.Of("Server", a.ServerId), ct), a),
            CreateRepository r => SubmitAsync(() => _api.CreateRepository(r.FileSystemId, new NamedCreate(r.Name), ct), r),
            PresentRepository p => SubmitAsync(() => _api.PresentRepository(p.RepositoryId, SimpleId.Of("Server", p.ServerId), ct), p),
            RefreshRepository r => SubmitAsync(() => _api.RefreshRepository(r.RepositoryId, ct), r),
            CloneVm c => CloneVmAsync(c, ct),
            CreateManagerVm v => CreateManagerVmAsync(v, ct),
            StartVm s => SubmitAsync(() => _api.StartVm(s.VmId, ct), s),
            StopVm s => SubmitAsync(() => _api.StopVm(s.VmId, ct), s),
            AttachIso a => AttachIsoAsync(a, ct),
            MigrateVm m => SubmitAsync(() => _api.MigrateVm(m.VmId, m.ServerId, ct), m),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown Oracle VM operation."),
        };
    }

    private async Task<OvmJobTicket> SubmitAsync(Func<Task<IApiResponse<Job>>> call, OvmOperation operation) =>
        await SubmitAsync(call, operation.Describe());

    private async Task<OvmJobTicket> SubmitAsync(Func<Task<IApiResponse<Job>>> call, string what)
    {
        Job job;
        try
        {
            job = await _faults.ContentAsync(call, what);
        }
        catch (OvmFaultException fault) when (fault.Kind is OvmFaultKind.Unreachable)
        {
            throw new OvmFaultException(
                fault.Kind,
                fault.Message + " The call was not repeated: it may or may not have reached the manager, so check its active jobs before issuing it again.",
                fault.Code,
                inner: fault);
        }

        var ticket = JobResults.Ticket(job, what);
        WsApiLog.JobStarted(_logger, _endpoint.Label, what, ticket.JobId);
        return ticket;
    }

    /// <summary>Runs one intermediate job of a multi-job operation to its end; returns the id it created.</summary>
    private async Task<string?> RunToEndAsync(Func<Task<IApiResponse<Job>>> call, string what, CancellationToken cancellationToken)
    {
        var ticket = await SubmitAsync(call, what);
        var result = await WaitForJobAsync(ticket.JobId, IntermediateJobTimeout, null, cancellationToken);
        return result.State switch
        {
            OvmJobState.Succeeded => result.ResultId,
            OvmJobState.Hung => throw new OvmFaultException(
                OvmFaultKind.OperationFailed, $"Job {ticket.JobId} ({what}) on {_endpoint.Label} is still in progress after {IntermediateJobTimeout}; a person decides.", jobId: ticket.JobId),
            _ => throw new OvmFaultException(
                OvmFaultKind.OperationFailed, $"Job {ticket.JobId} ({what}) on {_endpoint.Label} failed: {result.ErrorMessage}", result.ErrorCode, ticket.JobId),
        };
    }

    private string AgentPassword(DiscoverServer discover) =>
        _secrets(discover.AgentPasswordSecret) ?? throw new OvmFaultException(
            OvmFaultKind.Unauthorized,
            $"The Oracle VM Agent password secret '{discover.AgentPasswordSecret}' is not configured; set Ovm:Secrets:{discover.AgentPasswordSecret} "
            + $"(environment variable Ovm__Secrets__{discover.AgentPasswordSecret}).");
}
