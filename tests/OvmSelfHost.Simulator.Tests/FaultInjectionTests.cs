using System.Net;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Http500_CountOne_FailsOneMatchingCallOnly()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/faults", new { manager = "ovmm-a", method = "GET", path = "^/Vm$", kind = "http500", count = 1 });
        using var a = s.Manager("ovmm-a");
        using var b = s.Manager("ovmm-b");
        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(HttpMethod.Get, "Vm")).Status);
        Assert.Equal(HttpStatusCode.OK, (await a.SendAsync(HttpMethod.Get, "Server")).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await a.SendAsync(HttpMethod.Get, "Vm")).Status);
        Assert.Equal(HttpStatusCode.OK, (await a.SendAsync(HttpMethod.Get, "Vm")).Status);
    }

    [Fact]
    public async Task Timeout_DelaysAnswerBeyondClientTimeout()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/faults", new { kind = "timeout", path = "^/Server$", delaySeconds = 5, count = 1 });
        using var impatient = new WsApiClient(s.Sim.Manager("ovmm-a").HttpsBaseUrl, s, timeout: TimeSpan.FromMilliseconds(700));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.Http.GetAsync("Server"));
        // The fault was for one call: the next answers. Asked by a client of ordinary patience, because a new TLS connection
        // on a busy machine can take longer than the impatient client's 0.7 s by itself.
        using var patient = s.Manager("ovmm-a");
        Assert.Equal(HttpStatusCode.OK, (await patient.SendAsync(HttpMethod.Get, "Server")).Status);
    }

    [Fact]
    public async Task JobFailure_MatchingOperation_EndsJobInFailureWithMessageAndCode()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/faults", new { operation = "Vm.restart", kind = "jobFailure", message = "Simulated agent error", errorCode = "OVMAPI_9999E" });
        using var a = s.Manager("ovmm-a");
        var job = await a.WaitAsync(await a.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(await a.ByNameAsync("Vm", "app-a1"))}/restart"));
        Assert.Equal("FAILURE", job["jobRunState"]!.GetValue<string>());
        Assert.Equal("OVMAPI_9999E:Simulated agent error", job["error"]!["message"]!.GetValue<string>());
        Assert.Equal("OVMAPI_9999E", job["wsErrorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task JobHang_StaysInProgressUntilCleared_ThenCompletes()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/faults", new { manager = "ovmm-a", operation = "Repository.refresh", kind = "jobHang" });
        using var a = s.Manager("ovmm-a");
        var repo = WsApiClient.Id(await a.ByNameAsync("Repository", "repo-a"));
        var job = await a.JobAsync(HttpMethod.Put, $"Repository/{repo}/refresh");
        await s.AdvanceAsync(TimeSpan.FromHours(1));
        var hung = await a.GetAsync($"Job/{WsApiClient.Id(job)}");
        Assert.Equal("RUNNING", hung["jobRunState"]!.GetValue<string>());
        Assert.False(hung["summaryDone"]!.GetValue<bool>());
        Assert.True((await a.GetAsync($"Repository/{repo}"))["locked"]!.GetValue<bool>());

        var cleared = await s.Control.DeleteAsync("sim/faults");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal("SUCCESS", (await a.WaitAsync(job))["jobRunState"]!.GetValue<string>());
    }

    [Fact]
    public async Task LockedObject_ReportsLockedAndRefusesModification_UntilCleared()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = WsApiClient.Id(await a.ByNameAsync("Vm", "app-a1"));
        await s.PostAsync("sim/faults", new { kind = "lockedObject", objectId = vm });
        Assert.True((await a.GetAsync($"Vm/{vm}"))["locked"]!.GetValue<bool>());
        var (status, body) = await a.SendAsync(HttpMethod.Put, $"Vm/{vm}/stop");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("GEN_000029", body!["errorCode"]!.GetValue<string>());
        await s.Control.DeleteAsync("sim/faults");
        await a.RunAsync(HttpMethod.Put, $"Vm/{vm}/stop");
    }

    [Fact]
    public async Task UnknownFaultKind_IsRejected()
    {
        await using var s = await SimSession.StartAsync();
        var response = await s.Control.PostAsync("sim/faults", new StringContent("{\"kind\":\"meteor\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
