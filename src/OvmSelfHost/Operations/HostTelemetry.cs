using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OvmSelfHost.Operations;

/// <summary>The host's own spans and metrics: database saves, chat acknowledgement latency, outbox backlog, runs by state.</summary>
internal static class HostTelemetry
{
    public const string Name = "OvmSelfHost.Host";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Histogram<double> AcknowledgementLatency { get; } = Meter.CreateHistogram<double>(
        "ovm.chat.ack.latency", "s", "From a chat request's arrival to its acknowledgement (Slack wants it within 3 s), by channel.");
}
