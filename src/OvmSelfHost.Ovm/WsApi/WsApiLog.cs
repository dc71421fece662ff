using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>Structured log events of the WS-API adapter. Never carries a password or Authorization header.</summary>
internal static partial class WsApiLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Manager}: {Operation} started job {JobId}")]
    public static partial void JobStarted(ILogger logger, string manager, string operation, string jobId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Manager}: job {JobId} ended {State} {ErrorCode}")]
    public static partial void JobEnded(ILogger logger, string manager, string jobId, string state, string? errorCode);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "{Manager}: job {JobId} still in progress after {Timeout}; reported as hung")]
    public static partial void JobHung(ILogger logger, string manager, string jobId, TimeSpan timeout);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "{Manager}: not reachable yet while waiting for RUNNING: {Reason}")]
    public static partial void WaitingForManager(ILogger logger, string manager, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Peer}: attempt {Attempt} failed ({Reason}); trying again in {Seconds:0.#} s")]
    public static partial void Retrying(ILogger logger, string peer, int attempt, string reason, double seconds);
}
