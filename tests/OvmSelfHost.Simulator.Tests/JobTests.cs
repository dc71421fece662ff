using System.Net;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class JobTests
{
    [Fact]
    public async Task StopVm_TakesSimulatedTime_ThenSucceedsAndBumpsGeneration()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = await a.ByNameAsync("Vm", "app-a2");
        var job = await a.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(vm)}/stop");
        Assert.False(job["done"]!.GetValue<bool>());
        Assert.Matches("^[0-9]{13}$", WsApiClient.Id(job));
        Assert.True((await a.GetAsync($"Vm/{WsApiClient.Id(vm)}"))["locked"]!.GetValue<bool>());
        Assert.Single((await a.GetAsync("Job/active")).AsArray());

        var done = await a.WaitAsync(job);
        Assert.Equal("SUCCESS", done["jobRunState"]!.GetValue<string>());
        Assert.Equal("SUCCESS", done["jobSummaryState"]!.GetValue<string>());
        Assert.True(done["endTime"]!.GetValue<long>() > done["startTime"]!.GetValue<long>());
        var after = await a.GetAsync($"Vm/{WsApiClient.Id(vm)}");
        Assert.Equal("STOPPED", after["vmRunState"]!.GetValue<string>());
        Assert.Null(after["serverId"]);
        Assert.False(after["locked"]!.GetValue<bool>());
        Assert.Equal(vm["generation"]!.GetValue<long>() + 1, after["generation"]!.GetValue<long>());
        Assert.Empty((await a.GetAsync("Job/active")).AsArray());
    }

    [Fact]
    public async Task SecondModifyingCall_WhileJobHoldsObject_IsRefusedWithGen000029()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = WsApiClient.Id(await a.ByNameAsync("Vm", "app-a1"));
        await a.JobAsync(HttpMethod.Put, $"Vm/{vm}/stop");
        var (status, body) = await a.SendAsync(HttpMethod.Put, $"Vm/{vm}/start");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("GEN_000029", body!["errorCode"]!.GetValue<string>());
        Assert.StartsWith("GEN_000029:", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Modify_WithStaleGeneration_IsRefusedWithGen000011()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = (await a.ByNameAsync("Vm", "app-a2")).AsObject();
        var stale = vm.DeepClone().AsObject();
        vm["description"] = "first edit";
        await a.RunAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(vm)}", vm);
        stale["description"] = "second edit from an old copy";
        var (status, body) = await a.SendAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(vm)}", stale.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("GEN_000011", body!["errorCode"]!.GetValue<string>());
        Assert.Equal("first edit", (await a.GetAsync($"Vm/{WsApiClient.Id(vm)}"))["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Abort_RunningJob_EndsInFailureWithAbortTypeAndReleasesLock()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = WsApiClient.Id(await a.ByNameAsync("Vm", "app-a1"));
        var job = await a.JobAsync(HttpMethod.Put, $"Vm/{vm}/stop");
        var aborted = await a.JobAsync(HttpMethod.Put, $"Job/{WsApiClient.Id(job)}/abort");
        Assert.True(aborted["summaryDone"]!.GetValue<bool>());
        Assert.Equal("FAILURE", aborted["jobRunState"]!.GetValue<string>());
        Assert.Equal("ABORT", aborted["error"]!["type"]!.GetValue<string>());
        Assert.Equal("RUNNING", (await a.GetAsync($"Vm/{vm}"))["vmRunState"]!.GetValue<string>());
        await a.RunAsync(HttpMethod.Put, $"Vm/{vm}/stop");
    }

    [Fact]
    public async Task CreateVm_JobResultId_IsTheNewVm()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var repo = await a.ByNameAsync("Repository", "repo-a");
        var pool = await a.ByNameAsync("ServerPool", "pool-a");
        var job = await a.RunAsync(HttpMethod.Post, "Vm", new
        {
            name = "new-vm", repositoryId = WsApiClient.SimpleId(repo), serverPoolId = WsApiClient.SimpleId(pool),
            memory = 8192, cpuCount = 2, highAvailability = true, osType = "Oracle Linux 7", vmDomainType = "XEN_HVM_PV_DRIVERS",
        });
        var vm = await a.GetAsync($"Vm/{job["resultId"]!["value"]!.GetValue<string>()}");
        Assert.Equal("new-vm", vm["name"]!.GetValue<string>());
        Assert.True(vm["highAvailability"]!.GetValue<bool>());
        Assert.Equal(8192, vm["memory"]!.GetValue<long>());
        Assert.Equal("STOPPED", vm["vmRunState"]!.GetValue<string>());
        Assert.Equal("com.oracle.ovm.mgr.ws.model.Vm", job["resultId"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task JobIds_ListsJobsAsSimpleIds()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var job = await a.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(await a.ByNameAsync("Vm", "app-a1"))}/restart");
        var ids = (await a.GetAsync("Job/id")).AsArray();
        Assert.Contains(ids, i => i!["value"]!.GetValue<string>() == WsApiClient.Id(job));
        Assert.Empty((await s.Manager("ovmm-b").GetAsync("Job/id")).AsArray());
    }
}
