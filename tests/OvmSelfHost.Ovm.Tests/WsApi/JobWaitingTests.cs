using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.WsApi;

public sealed class JobWaitingTests
{
    [Fact]
    public async Task JobNeverDone_Wait_ReadsEverySecondForTenSecondsThenBacksOffThenReportsHung()
    {
        var time = new TimerCountingTimeProvider();
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("77", done: false)));
        var manager = WsApiTestManagers.Over(stub, time);

        var wait = manager.WaitForJobAsync("77", TimeSpan.FromSeconds(60), CancellationToken.None);
        await Eventually(() => stub.Requests.Count == 1 && time.TimersCreated == 1);

        time.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(100);
        Assert.Single(stub.Requests);

        // Every second up to 10 s, then 1, 2, 4, 8, 16, then the timeout at 60 s.
        var gaps = new[] { 0.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 8, 16, 19 };
        for (var i = 0; i < gaps.Length; i++)
        {
            await Eventually(() => time.TimersCreated == i + 1);
            time.Advance(TimeSpan.FromSeconds(gaps[i]));
            await Eventually(() => stub.Requests.Count == i + 2);
        }

        var result = await wait;
        Assert.Equal(OvmJobState.Hung, result.State);
        Assert.Equal("77", result.JobId);
        Assert.Equal(17, stub.Requests.Count);
    }

    [Fact]
    public async Task JobOfAKnownLength_Wait_ReadsOnceNearItsUsualEndAfterTheFirstTenSeconds()
    {
        var time = new TimerCountingTimeProvider();
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("78", done: false)));
        var manager = WsApiTestManagers.Over(stub, time);

        var wait = manager.WaitForJobAsync("78", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(300), CancellationToken.None);
        for (var second = 1; second <= 10; second++)
        {
            await Eventually(() => time.TimersCreated == second);
            time.Advance(TimeSpan.FromSeconds(1));
            await Eventually(() => stub.Requests.Count == second + 1);
        }

        await Eventually(() => time.TimersCreated == 11);
        time.Advance(TimeSpan.FromSeconds(289));
        await Task.Delay(100);
        Assert.Equal(11, stub.Requests.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => stub.Requests.Count == 12);
        await Eventually(() => time.TimersCreated == 12);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => stub.Requests.Count == 13);
        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task ShortJobOfAKnownLength_Wait_ReadsAtItsUsualEndBetweenTheEagerReads()
    {
        var time = new TimerCountingTimeProvider();
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("79", done: false)));
        var manager = WsApiTestManagers.Over(stub, time);

        var wait = manager.WaitForJobAsync("79", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2.5), CancellationToken.None);

        // Reads at 0, 1 and 2 s, then at the usual end (2.5 s), then back on the eager second (3.5 s).
        var gaps = new[] { 1, 1, 0.5, 1 };
        for (var i = 0; i < gaps.Length; i++)
        {
            await Eventually(() => time.TimersCreated == i + 1);
            time.Advance(TimeSpan.FromSeconds(gaps[i]) - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50);
            Assert.Equal(i + 1, stub.Requests.Count);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually(() => stub.Requests.Count == i + 2);
        }

        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task ManagerStartingPastTheEagerPeriod_WaitUntilRunning_LooksEverySecondAndSeesItWithinOne()
    {
        var time = new TimerCountingTimeProvider();
        var looks = 0;
        var stub = new StubManager(_ => StubManager.Json(Interlocked.Increment(ref looks) <= 25
            ? StubManager.ManagerJson.Replace("RUNNING", "STARTING", StringComparison.Ordinal)
            : StubManager.ManagerJson));
        var manager = WsApiTestManagers.Over(stub, time);

        var wait = manager.WaitUntilRunningAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        // A look at 0 s, then one every second: no back-off after the first 10 s, so the 26th look (25 s) finds it running.
        for (var second = 1; second <= 25; second++)
        {
            await Eventually(() => time.TimersCreated == second);
            time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
            await Task.Delay(20);
            Assert.Equal(second, stub.Requests.Count);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually(() => stub.Requests.Count == second + 1);
        }

        Assert.True((await wait).IsRunning);
        Assert.Equal(26, stub.Requests.Count);
    }

    [Fact]
    public async Task JobFails_Wait_SurfacesMessageAndCode()
    {
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job(
            "12", done: true, state: "FAILURE", error: "GEN_000029:Object Server ovs-a1 could not be modified as it was locked", errorType: "LOCK")));

        var result = await WsApiTestManagers.Over(stub).WaitForJobAsync("12", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(OvmJobState.Failed, result.State);
        Assert.Equal("GEN_000029", result.ErrorCode);
        Assert.Contains("locked", result.ErrorMessage);
    }

    [Fact]
    public async Task JobAborted_Get_IsAborted()
    {
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("13", done: true, state: "FAILURE", error: "aborted by admin", errorType: "ABORT")));

        var result = await WsApiTestManagers.Over(stub).GetJobAsync("13", CancellationToken.None);

        Assert.Equal(OvmJobState.Aborted, result.State);
    }

    [Fact]
    public async Task JobSucceeds_Wait_ReturnsResultIdAfterOneRead()
    {
        var stub = new StubManager(_ => StubManager.Json(StubManager.Job("14", done: true, state: "SUCCESS", resultId: "0004fb0000020000aa")));

        var result = await WsApiTestManagers.Over(stub).WaitForJobAsync("14", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(OvmJobState.Succeeded, result.State);
        Assert.Equal("0004fb0000020000aa", result.ResultId);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task JobDoneButChildrenRunning_Get_IsStillInProgress()
    {
        var json = StubManager.Job("15", done: false).Replace("\"done\":false", "\"done\":true", StringComparison.Ordinal);
        var stub = new StubManager(_ => StubManager.Json(json));

        var result = await WsApiTestManagers.Over(stub).GetJobAsync("15", CancellationToken.None);

        Assert.Equal(OvmJobState.InProgress, result.State);
    }

    [Fact]
    public async Task ManagerStarting_WaitUntilRunning_PollsUntilRunning()
    {
        var time = new TimerCountingTimeProvider();
        var calls = 0;
        var stub = new StubManager(_ => StubManager.Json(Interlocked.Increment(ref calls) < 3
            ? StubManager.ManagerJson.Replace("RUNNING", "STARTING", StringComparison.Ordinal)
            : StubManager.ManagerJson));
        var manager = WsApiTestManagers.Over(stub, time);

        var wait = manager.WaitUntilRunningAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        await Eventually(() => stub.Requests.Count == 1 && time.TimersCreated == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => stub.Requests.Count == 2 && time.TimersCreated == 2);
        time.Advance(TimeSpan.FromSeconds(1));

        var status = await wait;
        Assert.True(status.IsRunning);
        Assert.Equal(3, stub.Requests.Count);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 5 s");
            await Task.Delay(10);
        }
    }
}
