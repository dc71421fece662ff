using OvmSelfHost.Simulator.Control;

namespace OvmSelfHost.Simulator.Persistence;

/// <summary>
/// One change made to the world, at the simulated instant it was made: a modifying WS-API call or a
/// control call. Reads are not saved: they change nothing.
/// </summary>
internal sealed record JournalEntry
{
    public const string WsApi = "ws";
    public const string Service = "service";
    public const string Installer = "installer";
    public const string Server = "server";
    public const string AddFault = "fault";
    public const string ClearFault = "clear-fault";
    public const string Settings = "settings";

    public required string Kind { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The manager (WS-API) or host (service, installer) or server (server) the change was made on.</summary>
    public string? Target { get; init; }
    public string? Method { get; init; }
    public IReadOnlyList<string>? Segments { get; init; }
    public IReadOnlyDictionary<string, string>? Query { get; init; }
    public string? Body { get; init; }

    /// <summary>Service name (service), start or stop (service), fail or recover (server), fault id (clear-fault).</summary>
    public string? Name { get; init; }
    public string? Action { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public FaultRequest? Fault { get; init; }
    public SettingsRequest? SettingsChange { get; init; }
}
