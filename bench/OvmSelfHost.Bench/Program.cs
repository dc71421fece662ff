using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Ovm.DependencyInjection;
using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Runbook.Inventory;
using OvmSelfHost.Runbook.Ports;

// Usage: OvmSelfHost.Bench <simulator control URL> <environment> [rounds]
// Prints one JSON object: wall and process CPU (this process only: the simulator runs in another) of
// snapshot = GetInventoryAsync, persist = the snapshot to JSON and back, diff = InventoryComparer.Compare,
// and one rediscovery (discover every server, refresh file servers and repositories, as RediscoverStep does).
var control = new Uri(args[0]);
var environment = args[1];
var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;

var services = new ServiceCollection();
services.AddOvmAdapters(await SimulatorAdapterOptions.FromSimulatorAsync(control));
await using var provider = services.BuildServiceProvider();
var manager = provider.GetRequiredService<IOvmConnections>().Manager(environment, ManagerRole.Original);

static async Task<(double Wall, double Cpu, T Value)> Measure<T>(Func<Task<T>> work)
{
    var process = Process.GetCurrentProcess();
    var cpu0 = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var value = await work();
    clock.Stop();
    process.Refresh();
    return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds, value);
}

var warm = await manager.GetInventoryAsync(CancellationToken.None); // JIT and connection, not measured
InventoryComparer.Compare(warm, warm);
var snapshots = new List<object>();
var persists = new List<object>();
var diffs = new List<object>();
EnvironmentInventory? previous = warm;
var counts = new Dictionary<string, int>();
for (var i = 0; i < rounds; i++)
{
    var snap = await Measure(() => manager.GetInventoryAsync(CancellationToken.None));
    snapshots.Add(new { wall = snap.Wall, cpu = snap.Cpu });
    var persist = await Measure(() => Task.FromResult(JsonSerializer.Deserialize<EnvironmentInventory>(JsonSerializer.Serialize(snap.Value))!));
    persists.Add(new { wall = persist.Wall, cpu = persist.Cpu });
    var diff = await Measure(() => Task.FromResult(InventoryComparer.Compare(previous!, snap.Value)));
    diffs.Add(new { wall = diff.Wall, cpu = diff.Cpu, differences = diff.Value.Differences.Count });
    previous = snap.Value;
    counts = new()
    {
        ["servers"] = snap.Value.Servers.Count, ["pools"] = snap.Value.Pools.Count, ["repositories"] = snap.Value.Repositories.Count,
        ["vms"] = snap.Value.Vms.Count, ["virtualDisks"] = snap.Value.VirtualDisks.Count, ["networks"] = snap.Value.Networks.Count,
        ["fileServers"] = snap.Value.FileServers.Count, ["storageArrays"] = snap.Value.StorageArrays.Count,
    };
}

// A diff that finds something: 10 % of the VMs gone.
var fewer = previous! with { Vms = previous!.Vms.Where((_, n) => n % 10 != 0).ToList() };
var missing = await Measure(() => Task.FromResult(InventoryComparer.Compare(previous!, fewer)));

var timeout = TimeSpan.FromMinutes(30);
async Task<int> RunJob(OvmOperation operation)
{
    var ticket = await manager.StartAsync(operation, CancellationToken.None);
    var result = await manager.WaitForJobAsync(ticket.JobId, timeout, CancellationToken.None);
    return result.IsDone ? 1 : 0;
}

var rediscover = await Measure(async () =>
{
    var jobs = 0;
    foreach (var server in previous!.Servers)
    {
        jobs += await RunJob(new DiscoverServer(server.Name));
    }

    var seen = await manager.GetInventoryAsync(CancellationToken.None);
    foreach (var fileServer in seen.FileServers)
    {
        jobs += await RunJob(new RefreshFileServer(fileServer.Id));
    }

    foreach (var repository in seen.Repositories)
    {
        jobs += await RunJob(new RefreshRepository(repository.Id));
    }

    return jobs;
});

Console.WriteLine(JsonSerializer.Serialize(new
{
    counts, snapshots, persists, diffs,
    diffWithMissing = new { wall = missing.Wall, cpu = missing.Cpu, differences = missing.Value.Differences.Count },
    rediscover = new { wall = rediscover.Wall, cpu = rediscover.Cpu, jobs = rediscover.Value },
}));
