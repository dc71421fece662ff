using System.Globalization;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>
/// Several real host processes (replicas) on one new PostgreSQL database (the one scripts/start-postgres.sh
/// serves; the first host creates the database), against one standalone simulator, with short leases.
/// <paramref name="extra"/> adds settings to every replica (for example a fake Slack to post to).
/// </summary>
public sealed class ReplicaSet(SimulatorProcess simulator, int count, IReadOnlyDictionary<string, string>? extra = null) : IAsyncDisposable
{
    private readonly string database = $"ovm_e2e_{Guid.NewGuid():N}";
    private readonly List<HostProcess> hosts = [];

    public IReadOnlyList<HostProcess> Hosts => hosts;

    public static string Name(int index) => $"replica-{index + 1}";

    public async Task StartAsync()
    {
        for (var i = 0; i < count; i++)
        {
            var host = new HostProcess(Settings(i));
            hosts.Add(host);
        }

        // The first creates the database and its tables; the others then start side by side.
        await hosts[0].StartAsync();
        await Task.WhenAll(hosts.Skip(1).Select(h => h.StartAsync()));
    }

    public HostProcess ByName(string name) => hosts[int.Parse(name["replica-".Length..], CultureInfo.InvariantCulture) - 1];

    private Dictionary<string, string> Settings(int index)
    {
        var settings = new Dictionary<string, string>(simulator.HostSettings)
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = ConnectionString(),
            ["Replicas__Name"] = Name(index),
            ["Replicas__LeaseDuration"] = "00:00:02",
            ["Replicas__RenewEvery"] = "00:00:00.500",
            ["Replicas__SweepEvery"] = "00:00:00.200",
            ["Replicas__RelayLeaseDuration"] = "00:00:04",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The replicas' database, for reading what they stored.</summary>
    public string ConnectionString()
    {
        var file = Path.Combine(HostProcess.RepositoryRoot, "test-artifacts", "postgres", "env");
        var line = Environment.GetEnvironmentVariable("OVM_TEST_POSTGRES")
                   ?? File.ReadAllLines(file).Single(l => l.StartsWith("OVM_TEST_POSTGRES=", StringComparison.Ordinal))["OVM_TEST_POSTGRES=".Length..];
        var parts = line.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase))
            .Append($"Database={database}");
        return string.Join(';', parts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }
}
