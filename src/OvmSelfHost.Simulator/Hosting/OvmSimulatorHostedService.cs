using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>Starts the simulator with the host and stops it with the host, when <see cref="SimulatorOptions.Enabled"/>.</summary>
internal sealed partial class OvmSimulatorHostedService(
    IOptions<SimulatorOptions> options, SimulatorHandle handle, TimeProvider time, ILogger<OvmSimulatorHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var simulator = await OvmSimulator.StartAsync(options.Value, time, cancellationToken);
        handle.Instance = simulator;
        LogStarted(logger, options.Value.Scenario, simulator.ControlUrl);
        if (!string.IsNullOrWhiteSpace(options.Value.StatePath))
        {
            LogSaved(logger, Path.GetFullPath(options.Value.StatePath), simulator.ResumedChanges);
        }
        foreach (var m in simulator.Managers)
        {
            LogManager(logger, m.Name, m.HttpsBaseUrl, m.HttpBaseUrl, m.Uuid);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (handle.Instance is { } simulator)
        {
            handle.Instance = null;
            await simulator.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Oracle VM simulator started: scenario {Scenario}, control API {ControlUrl}")]
    private static partial void LogStarted(ILogger logger, string scenario, Uri controlUrl);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "Oracle VM simulator world saved in {StatePath}: {Changes} saved changes made again at start (delete the file to start from the scenario)")]
    private static partial void LogSaved(ILogger logger, string statePath, int changes);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Simulated manager {Manager}: {HttpsUrl} and {HttpUrl} (UUID {Uuid})")]
    private static partial void LogManager(ILogger logger, string manager, Uri httpsUrl, Uri httpUrl, string uuid);
}
