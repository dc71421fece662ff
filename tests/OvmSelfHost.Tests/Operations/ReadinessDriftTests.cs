using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OvmSelfHost.Tests.Migrations;
using OvmSelfHost.Tests.Slack;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Operations;

/// <summary>Each standing readiness check against the drift it exists to catch, injected into the simulator, and told to Slack once each way.</summary>
public sealed class ReadinessDriftTests
{
    private const string ConfigPath = "/u01/app/oracle/ovm-manager-3/.config";

    [Theory]
    [InlineData("uuid:A", "FAIL")]
    [InlineData("pool:B", "FAIL")]
    [InlineData("host-key:A", "FAIL")]
    [InlineData("manager:B", "FAIL")]
    [InlineData("certificate:A", "WARN")]
    public async Task InjectedDrift_Check_FailsAndPostsOnceThenOnceWhenFixed(string check, string mark)
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var slack = await SlackTestHost.StartAsync(settings: OperationsHosts.Simulator(world));
        using var control = new HttpClient { BaseAddress = world.ControlUrl };
        var baseline = await CheckAsync(slack.Client);
        Assert.Equal("Pass", Status(baseline, check));
        var fix = await InjectAsync(control, check);

        var drifted = await CheckAsync(slack.Client);
        Assert.Equal(mark == "FAIL" ? "Fail" : "Warn", Status(drifted, check));
        await slack.Slack.WaitForAsync(() => Posts(slack, $"{mark} {check}").FirstOrDefault(), $"the post about {check}");
        _ = await CheckAsync(slack.Client);
        await fix();
        var fixedReport = await CheckAsync(slack.Client);
        Assert.Equal("Pass", Status(fixedReport, check));
        await slack.Slack.WaitForAsync(() => Posts(slack, $"fixed {check}").FirstOrDefault(), $"the post that {check} is fixed");

        Assert.Single(Posts(slack, $"{mark} {check}"));
        Assert.Single(Posts(slack, $"fixed {check}"));
        var history = await slack.Client.GetFromJsonAsync<JsonElement>("/api/readiness/A/B");
        Assert.Equal(4, history.GetArrayLength());
        var latest = await slack.Client.GetFromJsonAsync<JsonElement>("/api/readiness");
        Assert.Equal("A-B", latest.EnumerateArray().Single().GetProperty("pair").GetString());
    }

    [Fact]
    public async Task ChatCommand_Check_AnswersWithTheReport()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: OperationsHosts.Simulator(world));
        var client = host.CreateClient();

        var answer = await (await client.PostJsonAsync("/api/commands", new { user = "alice", text = "/ovm check A B" })).ReadAsync();

        var text = answer.GetRawText();
        Assert.Contains("Readiness of A and B", text);
        Assert.Contains("uuid:A", text);
        Assert.Contains("certificate:B", text);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/readiness/A/B")).GetArrayLength());
    }

    [Fact]
    public async Task UnknownEnvironment_Check_NotFoundAndNothingKept()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: OperationsHosts.Simulator(world));
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/readiness/A/Z", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/readiness/A/a", new { })).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/readiness")).GetArrayLength());
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/api/readiness/A/B", new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private static string? Status(JsonElement report, string check) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == check).GetProperty("status").GetString();

    private static List<FakeSlackMessage> Posts(SlackTestHost slack, string text) =>
        slack.Slack.TopLevel.Where(m => m.Text.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>Injects the drift the check looks for; returns how to undo it.</summary>
    private static async Task<Func<Task>> InjectAsync(HttpClient control, string check)
    {
        switch (check)
        {
            case "uuid:A":
                var config = await control.GetStringAsync($"/sim/hosts/ovmm-a/files?path={ConfigPath}");
                var wrong = System.Text.RegularExpressions.Regex.Replace(config, "UUID=.*", "UUID=0004fb00000100000000000000000bad");
                await PutTextAsync(control, wrong);
                return () => PutTextAsync(control, config);
            case "pool:B":
                const string pool = "pool-b"; // B's HostingPool in appsettings.json
                (await control.PutAsJsonAsync($"/sim/pools/{pool}/cluster", new { clustered = false })).EnsureSuccessStatusCode();
                return async () => (await control.PutAsJsonAsync($"/sim/pools/{pool}/cluster", new { clustered = true })).EnsureSuccessStatusCode();
            case "host-key:A":
                var key = (await control.GetFromJsonAsync<JsonElement>("/sim/hosts/ovmm-a")).GetProperty("hostKey").GetString();
                (await control.PostAsync("/sim/hosts/ovmm-a/host-key", null)).EnsureSuccessStatusCode();
                return async () => (await control.PostAsJsonAsync("/sim/hosts/ovmm-a/host-key", new { hostKey = key })).EnsureSuccessStatusCode();
            case "manager:B":
                (await control.PutAsJsonAsync("/sim/managers/ovmm-b/password", new { password = "Expired-1" })).EnsureSuccessStatusCode();
                return async () => (await control.PutAsJsonAsync("/sim/managers/ovmm-b/password", new { password = "Welcome1" })).EnsureSuccessStatusCode();
            default:
                (await control.PutAsJsonAsync("/sim/managers/ovmm-a/certificate", new { validDays = 10 })).EnsureSuccessStatusCode();
                return async () => (await control.PutAsJsonAsync("/sim/managers/ovmm-a/certificate", new { })).EnsureSuccessStatusCode();
        }

        async Task PutTextAsync(HttpClient http, string text) =>
            (await http.PutAsync($"/sim/hosts/ovmm-a/files?path={ConfigPath}", new StringContent(text))).EnsureSuccessStatusCode();
    }
}
