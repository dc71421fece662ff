using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>Structured log events of the SSH adapter. Never carries a key, passphrase or password.</summary>
internal static partial class SshLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "SSH {Peer}: running {Purpose}")]
    public static partial void Running(ILogger logger, string peer, string purpose);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "SSH {Peer}: {Purpose} exited with {ExitCode}")]
    public static partial void Finished(ILogger logger, string peer, string purpose, int exitCode);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "SSH {Peer}: {Kind} fault: {Reason}")]
    public static partial void Fault(ILogger logger, string peer, string kind, string reason);
}
