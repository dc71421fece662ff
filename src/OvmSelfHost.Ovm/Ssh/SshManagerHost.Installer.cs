using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Ssh;

public sealed partial class SshManagerHost
{
    /// <summary>
    /// Runs <c>runInstaller.sh --uuid=… --installtype=Install --assumeyes</c>, reporting every output line
    /// (stdout and stderr merged) as it arrives. A non-zero exit is a result, not an exception: the engine decides.
    /// </summary>
    public async Task<InstallerResult> RunInstallerAsync(string managerUuid, IProgress<string> output, CancellationToken cancellationToken)
    {
        var uuid = ManagerUuidFormat.Validate(managerUuid);
        var commandText = $"{options.InstallerCommand} --uuid={uuid} --installtype=Install --assumeyes 2>&1";
        SshLog.Running(logger, _connector.Peer, "installer");
        using var client = await ConnectAsync(cancellationToken);
        using var command = client.CreateCommand(commandText);
        var execution = command.ExecuteAsync(cancellationToken);
        var tail = new OutputTail();
        using (var reader = new StreamReader(command.OutputStream))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                tail.Add(line);
                output.Report(line);
            }
        }

        await execution;
        var exitCode = command.ExitStatus ?? -1;
        SshLog.Finished(logger, _connector.Peer, "installer", exitCode);
        return new InstallerResult(exitCode, tail.Lines);
    }

    /// <summary>
    /// <c>pgrep -f</c> for the installer's command as it is started (its full path). The first character is
    /// bracketed so the pattern does not match the shell that runs pgrep (its own command line holds the pattern).
    /// </summary>
    public async Task<bool> IsInstallerRunningAsync(CancellationToken cancellationToken)
    {
        var name = options.InstallerCommand;
        var pattern = $"[{name[0]}]{System.Text.RegularExpressions.Regex.Escape(name[1..])}";
        var result = await RunAsync($"pgrep -f {ShellArgument.Quote(pattern)} >/dev/null", "is the installer running", cancellationToken);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new OvmFaultException(
                OvmFaultKind.BadResponse, $"Could not tell whether {name} runs on {_connector.Peer} (pgrep exit {result.ExitCode}: {LastLine(result.Error)})."),
        };
    }
}
