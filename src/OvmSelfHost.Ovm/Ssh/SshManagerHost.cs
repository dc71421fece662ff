using Microsoft.Extensions.Logging;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>A real manager host (or database VM) reached over SSH; one connection per call.</summary>
public sealed partial class SshManagerHost(SshHostOptions options, ILogger<SshManagerHost> logger) : IManagerHost
{
    public const string ConfigFile = "/u01/app/oracle/ovm-manager-3/.config";

    private const int FileMissingExit = 44;

    private readonly SshConnector _connector = new(options);

    public async Task<ManagerConfigFile> ReadManagerConfigAsync(CancellationToken cancellationToken)
    {
        var path = Rooted(ConfigFile);
        var quoted = ShellArgument.Quote(path);
        var result = await RunAsync($"if [ -f {quoted} ]; then cat {quoted}; else exit {FileMissingExit}; fi", "read .config", cancellationToken);
        return result.ExitCode switch
        {
            0 => ManagerConfigParser.Parse(result.Output, $"{path} on {_connector.Peer}"),
            FileMissingExit => throw new OvmFaultException(
                OvmFaultKind.BadResponse,
                $"{path} does not exist on {_connector.Peer}; Oracle VM Manager is not installed there (or not in /u01)."),
            _ => throw new OvmFaultException(
                OvmFaultKind.BadResponse,
                $"Could not read {path} on {_connector.Peer} (exit {result.ExitCode}: {LastLine(result.Error)})."),
        };
    }

    public async Task<ServiceState> GetServiceStateAsync(string service, CancellationToken cancellationToken)
    {
        var result = await RunAsync(ServiceCommand(service, "status"), $"service {service} status", cancellationToken);
        return result.ExitCode switch
        {
            0 => ServiceState.Running,
            3 => ServiceState.Stopped,
            _ => ServiceState.Unknown,
        };
    }

    public Task StopServiceAsync(string service, CancellationToken cancellationToken) =>
        ChangeServiceAsync(service, "stop", cancellationToken);

    public Task StartServiceAsync(string service, CancellationToken cancellationToken) =>
        ChangeServiceAsync(service, "start", cancellationToken);

    public async Task<GuestOsFacts> GetGuestOsFactsAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(GuestOsFactsProbe.Command(options.FileSystemRoot), "guest OS facts", cancellationToken);
        return GuestOsFactsProbe.Parse(result.Output, _connector.Peer);
    }

    public async Task<HostKeyReading?> ReadHostKeyAsync(CancellationToken cancellationToken) => await _connector.ReadHostKeyAsync(cancellationToken);

    private async Task ChangeServiceAsync(string service, string action, CancellationToken cancellationToken)
    {
        var result = await RunAsync(ServiceCommand(service, action), $"service {service} {action}", cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new OvmFaultException(
                OvmFaultKind.OperationFailed,
                $"'service {service} {action}' on {_connector.Peer} exited with {result.ExitCode}: {LastLine(result.Error + "\n" + result.Output)}");
        }
    }

    private string ServiceCommand(string service, string action) =>
        $"{options.ServiceCommand} {ServiceName.Validate(service)} {action}";

    private async Task<SshCommandResult> RunAsync(string commandText, string purpose, CancellationToken cancellationToken)
    {
        SshLog.Running(logger, _connector.Peer, purpose);
        using var client = await ConnectAsync(cancellationToken);
        using var command = client.CreateCommand(commandText);
        await command.ExecuteAsync(cancellationToken);
        var exitCode = command.ExitStatus ?? -1;
        SshLog.Finished(logger, _connector.Peer, purpose, exitCode);
        return new SshCommandResult(exitCode, command.Result, command.Error);
    }

    private async Task<Renci.SshNet.SshClient> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _connector.ConnectAsync(cancellationToken);
        }
        catch (OvmFaultException fault)
        {
            SshLog.Fault(logger, _connector.Peer, fault.Kind.ToString(), fault.Message);
            throw;
        }
    }

    private string Rooted(string path) => options.FileSystemRoot.TrimEnd('/') + path;

    private static string LastLine(string text) => OutputTail.Of(text, 1).FirstOrDefault() ?? "no output";
}
