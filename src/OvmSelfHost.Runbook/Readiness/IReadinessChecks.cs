namespace OvmSelfHost.Runbook.Readiness;

/// <summary>Runs a pair's readiness checks now, keeps the result, and tells the chat channel when it changed.</summary>
public interface IReadinessChecks
{
    /// <param name="trigger">Who or what asked: "schedule", or a person and channel.</param>
    Task<ReadinessReport> CheckAsync(string first, string second, string trigger, CancellationToken cancellationToken);
}
