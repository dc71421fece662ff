using OvmSelfHost.Simulator.Faults;
using OvmSelfHost.Simulator.Hosts;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.World;

/// <summary>
/// The whole simulated world: hardware of every environment, managers, hosts, faults and the clock.
/// Not thread-safe: every access holds <see cref="Gate"/>. Time-based changes are applied lazily by <see cref="Advance"/>.
/// </summary>
internal sealed partial class SimulationWorld
{
    public SimulationWorld(TimeProvider time, IdFactory ids, SimulatorSettings settings)
    {
        Time = time;
        Ids = ids;
        Settings = settings;
        Installer = new ManagerInstaller(this);
    }

    public Lock Gate { get; } = new();
    public TimeProvider Time { get; }
    public IdFactory Ids { get; }
    public SimulatorSettings Settings { get; set; }
    public ObjectStore Store { get; } = new();
    public List<SimManager> Managers { get; } = [];
    public Dictionary<string, SimHost> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> Environments { get; } = [];
    public FaultBook Faults { get; } = new();

    /// <summary>Every service start and stop asked of a host, as "host service action", in order: counted by <c>GET /sim/stats</c>.</summary>
    public List<string> ServiceActions { get; } = [];
    public ManagerInstaller Installer { get; }
    public string DefaultUser { get; set; } = "admin";
    public string DefaultPassword { get; set; } = "Welcome1";
    public DateTimeOffset Now => Time.GetUtcNow();

    public SimManager? FindManager(string name) =>
        Managers.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The running VM that is this host, for planned manager VM hosts.</summary>
    public Vm? HostVm(string hostName) =>
        Store.All<Vm>().FirstOrDefault(v => v.Name == hostName && v.RunState == "RUNNING");

    /// <summary>
    /// Since when a host answers; null while it is down. A VM host does not answer while its guest
    /// boots, nor during the stop-and-copy pause of a live migration (its boot time stays the same).
    /// </summary>
    public DateTimeOffset? HostUpSince(string hostName)
    {
        if (!Hosts.TryGetValue(hostName, out var host) || host.Kind != HostKind.VirtualMachine)
        {
            return DateTimeOffset.MinValue;
        }

        var vm = HostVm(hostName);
        return vm?.BootedAt is { } booted && booted <= Now && !(vm.PausedUntil > Now) ? booted : null;
    }

    public DateTimeOffset? UpSince(SimManager m)
    {
        var hostUp = HostUpSince(m.HostName);
        if (!m.ServiceRunning || hostUp is null || !DatabaseRunning(m)) return null;
        return hostUp > m.ServiceStartedAt ? hostUp : m.ServiceStartedAt;
    }

    /// <summary>The manager needs its local MySQL (<c>ovmm_mysql</c>) running.</summary>
    private bool DatabaseRunning(SimManager m) =>
        !Hosts.TryGetValue(m.HostName, out var host) || host.Services.GetValueOrDefault("ovmm_mysql", true);

    public bool IsUp(SimManager m) => UpSince(m) is not null;

    public DateTimeOffset? RunningSince(SimManager m) => UpSince(m) + Settings.Scaled(Settings.ManagerStartupSeconds);

    public string RunState(SimManager m) => RunningSince(m) switch
    {
        null => "STOPPED",
        var t when Now < t => "STARTING",
        _ => "RUNNING",
    };

    public TimeSpan DurationOf(JobKind kind) => Settings.Scaled(kind switch
    {
        JobKind.Discovery => Settings.DiscoverySeconds,
        JobKind.Refresh => Settings.RefreshSeconds,
        JobKind.Migration => Settings.MigrationSeconds,
        _ => Settings.JobSeconds,
    });

    /// <summary>The environment a manager manages: where the servers it owns and knows are (null if none).</summary>
    public string? ManagedEnvironment(SimManager m) =>
        Store.All<Server>().Where(s => s.ManagerUuid == m.Uuid && m.Knows(s)).Select(s => s.Environment).FirstOrDefault()
        ?? (m.Known.Count == 0 ? null : m.DeclaredEnvironment);
}
