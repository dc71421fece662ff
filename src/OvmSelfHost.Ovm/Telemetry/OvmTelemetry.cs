using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OvmSelfHost.Ovm.Telemetry;

/// <summary>
/// The Oracle VM adapters' traces and metrics: a span per WS-API call and per host command, counts of calls and
/// errors by method, and reads per job. Attributes name environments, roles, methods and job ids, never a
/// credential, a URL's query or a body.
/// </summary>
public static class OvmTelemetry
{
    public const string Name = "OvmSelfHost.Ovm";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    public static Counter<long> WsApiCalls { get; } = Meter.CreateCounter<long>("ovm.wsapi.calls", "{call}", "WS-API calls by manager method.");

    public static Counter<long> WsApiErrors { get; } = Meter.CreateCounter<long>("ovm.wsapi.errors", "{call}", "WS-API calls that failed (no answer, or an HTTP error), by method.");

    public static Histogram<long> JobPolls { get; } = Meter.CreateHistogram<long>("ovm.wsapi.job.polls", "{read}", "Reads of one Oracle VM job until it ended (one value per job).");

    public static Counter<long> HostCommands { get; } = Meter.CreateCounter<long>("ovm.host.commands", "{command}", "Commands run on manager hosts (SSH, or the simulator's control API), by command.");
}
