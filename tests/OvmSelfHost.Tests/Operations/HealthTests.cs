using System.Net;
using System.Net.Http.Json;
using OvmSelfHost.Tests.Migrations;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthy_host_Readyz_NamesEveryCheck()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: OperationsHosts.Simulator(world));
        var client = host.CreateClient();
        await OperationsHosts.WarmedUpAsync(client);

        var response = await client.GetAsync("/readyz");
        var body = await response.ReadAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var names = body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["database", "scheduler", "warm-up", "manager:A", "host-key:A", "manager:B", "host-key:B"], names);
    }

    [Fact]
    public async Task DatabaseFileGone_Readyz_FailsNamingDatabase()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        foreach (var file in new[] { host.DatabaseFile, host.DatabaseFile + "-wal", host.DatabaseFile + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var response = await client.GetAsync("/readyz");
        var body = await response.ReadAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", OperationsHosts.Check(body, "database").GetProperty("status").GetString());
        Assert.Equal("healthy", OperationsHosts.Check(body, "scheduler").GetProperty("status").GetString());
        // Alive is not ready: the process still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ManagerStopped_Readyz_FailsNamingThatManager()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: OperationsHosts.Simulator(world));
        var client = host.CreateClient();
        await OperationsHosts.WarmedUpAsync(client);
        using var control = new HttpClient { BaseAddress = world.ControlUrl };
        (await control.PostAsync("/sim/hosts/ovmm-a/services/ovmm/stop", null)).EnsureSuccessStatusCode();

        var response = await client.GetAsync("/readyz");
        var body = await response.ReadAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var manager = OperationsHosts.Check(body, "manager:A");
        Assert.Equal("unhealthy", manager.GetProperty("status").GetString());
        Assert.Contains("Unreachable", manager.GetProperty("description").GetString());
        Assert.Equal("healthy", OperationsHosts.Check(body, "manager:B").GetProperty("status").GetString());
        Assert.Equal("healthy", OperationsHosts.Check(body, "database").GetProperty("status").GetString());

        // The load balancer's check stays green: this replica can still serve people while a manager is down.
        var serving = await client.GetAsync("/readyz/serving");
        Assert.Equal(HttpStatusCode.OK, serving.StatusCode);
        Assert.Equal(["database", "scheduler", "warm-up"], (await serving.ReadAsync()).GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList());
    }

    [Fact]
    public async Task PasswordChanged_Readyz_FailsNamingThatManager()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: OperationsHosts.Simulator(world));
        var client = host.CreateClient();
        using var control = new HttpClient { BaseAddress = world.ControlUrl };
        (await control.PutAsJsonAsync("/sim/managers/ovmm-b/password", new { password = "Expired-1" })).EnsureSuccessStatusCode();

        var body = await (await client.GetAsync("/readyz")).ReadAsync();

        var manager = OperationsHosts.Check(body, "manager:B");
        Assert.Equal("unhealthy", manager.GetProperty("status").GetString());
        Assert.Contains("Unauthorized", manager.GetProperty("description").GetString());
        Assert.DoesNotContain("Welcome1", body.GetRawText());
        Assert.DoesNotContain("Expired-1", body.GetRawText());
    }
}
