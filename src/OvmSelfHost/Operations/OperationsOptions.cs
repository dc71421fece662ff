namespace OvmSelfHost.Operations;

/// <summary><c>Operations</c>: where traces and metrics go, and how the console log is written.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>The OTLP collector (e.g. http://otel-collector:4317); empty: nothing is exported over OTLP.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve the metrics for Prometheus to scrape at <see cref="PrometheusPath"/>.</summary>
    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>One JSON object per log line on the console (for a log shipper) instead of plain text.</summary>
    public bool JsonConsole { get; set; }

    /// <summary>How long one readiness probe of a manager or host may take before it counts as down.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
