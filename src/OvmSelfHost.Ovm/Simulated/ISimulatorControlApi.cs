using Refit;

namespace OvmSelfHost.Ovm.Simulated;

/// <summary>The simulator's control API (src/OvmSelfHost.Simulator/README.md, "Control API") as far as hosts go.</summary>
internal interface ISimulatorControlApi
{
    [Get("/sim/hosts/{host}")]
    Task<IApiResponse<SimulatedHostView>> GetHost(string host, CancellationToken cancellationToken);

    [Get("/sim/hosts/{host}/files")]
    Task<IApiResponse<string>> GetFile(string host, string path, CancellationToken cancellationToken);

    [Get("/sim/hosts/{host}/services/{service}")]
    Task<IApiResponse<SimulatedService>> GetService(string host, string service, CancellationToken cancellationToken);

    [Post("/sim/hosts/{host}/services/{service}/{action}")]
    Task<IApiResponse<string>> ChangeService(string host, string service, string action, CancellationToken cancellationToken);

    [Post("/sim/hosts/{host}/installer")]
    Task<IApiResponse<SimulatedInstallation>> StartInstaller(string host, [Body] SimulatedInstallerRequest request, CancellationToken cancellationToken);

    [Get("/sim/hosts/{host}/installer")]
    Task<IApiResponse<List<SimulatedInstallation>>> GetInstallations(string host, CancellationToken cancellationToken);

    [Get("/sim/hosts/{host}/installer/{installId}")]
    Task<IApiResponse<SimulatedInstallation>> GetInstallation(string host, string installId, CancellationToken cancellationToken);

    /// <summary><paramref name="action"/>: fail or recover.</summary>
    [Post("/sim/servers/{server}/{action}")]
    Task<IApiResponse<System.Text.Json.JsonElement>> ChangeServer(string server, string action, CancellationToken cancellationToken);

    [Get("/sim/managers")]
    Task<IApiResponse<List<SimulatedManager>>> GetManagers(CancellationToken cancellationToken);
}
