using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class SettingsTests
{
    [Fact]
    public async Task JobSeconds_Changed_JobsTakeThatLong()
    {
        await using var s = await SimSession.StartAsync();
        var put = await s.Control.PutAsJsonAsync("sim/settings", new { jobSeconds = 30 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(30, (await s.GetAsync("sim/settings"))["jobSeconds"]!.GetValue<double>());
        using var a = s.Manager("ovmm-a");
        var job = await a.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(await a.ByNameAsync("Vm", "app-a2"))}/stop");
        await s.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.False((await a.GetAsync($"Job/{WsApiClient.Id(job)}"))["done"]!.GetValue<bool>());
        await s.AdvanceAsync(TimeSpan.FromSeconds(11));
        Assert.True((await a.GetAsync($"Job/{WsApiClient.Id(job)}"))["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TimeScale_DividesDurations()
    {
        await using var s = await SimSession.StartAsync();
        await s.Control.PutAsJsonAsync("sim/settings", new { timeScale = 10, jobSeconds = 30 });
        using var a = s.Manager("ovmm-a");
        var job = await a.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(await a.ByNameAsync("Vm", "app-a2"))}/stop");
        await s.AdvanceAsync(TimeSpan.FromSeconds(3.1));
        Assert.True((await a.GetAsync($"Job/{WsApiClient.Id(job)}"))["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task NegativeDuration_IsRejected()
    {
        await using var s = await SimSession.StartAsync();
        var put = await s.Control.PutAsJsonAsync("sim/settings", new JsonObject { ["refreshSeconds"] = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }
}
