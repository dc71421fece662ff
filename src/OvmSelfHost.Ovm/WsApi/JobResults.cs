using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>Reads a WS-API <see cref="Job"/> as the runbook's <see cref="OvmJobResult"/>.</summary>
internal static class JobResults
{
    public static OvmJobResult From(Job job, string jobId)
    {
        if (!job.SummaryDone)
        {
            return new OvmJobResult(jobId, OvmJobState.InProgress, job.ResultId?.Value);
        }

        var state = job.JobSummaryState ?? job.JobRunState;
        if (string.Equals(state, "SUCCESS", StringComparison.OrdinalIgnoreCase))
        {
            return new OvmJobResult(jobId, OvmJobState.Succeeded, job.ResultId?.Value);
        }

        var aborted = string.Equals(job.Error?.Type, "ABORT", StringComparison.OrdinalIgnoreCase);
        var message = job.Error?.Message ?? job.ProgressMessage ?? $"job ended in state {state ?? "unknown"}";
        return new OvmJobResult(
            jobId,
            aborted ? OvmJobState.Aborted : OvmJobState.Failed,
            job.ResultId?.Value,
            message,
            job.WsErrorCode ?? OvmErrorCode.Find(job.Error?.Message, job.ProgressMessage));
    }

    public static OvmJobTicket Ticket(Job job, string fallbackSummary) => new(
        job.Id?.Value ?? throw new OvmFaultException(OvmFaultKind.BadResponse, "The manager answered a modifying call with a job that has no id."),
        job.Id?.Name ?? job.Name ?? job.Description ?? fallbackSummary);
}
