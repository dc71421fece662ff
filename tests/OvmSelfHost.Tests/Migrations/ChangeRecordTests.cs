using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OvmSelfHost.Configuration;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// The change record of a migration that ran to the end against the simulator, as a change advisory
/// board gets it; written to test-artifacts/change-record/ by every run of the tests.
/// </summary>
public sealed class ChangeRecordTests
{
    [Fact]
    public async Task FinishedMigration_Record_HasEveryStepJobGateVoteSnapshotAndAnIntactJournal()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: new Dictionary<string, string>
        {
            ["Ovm:Adapter"] = "Simulator",
            ["Simulator:Enabled"] = "false",
            ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
            ["Runbook:ManagerStopTimeout"] = "00:00:30",
        });
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        string? why = null;
        var end = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: async _ =>
            why = (await (await client.PostJsonAsync("/api/commands", new { user = "carol", text = $"/ovm why {id.ToString()[..8]}" })).ReadAsync()).GetProperty("text").GetString());
        Assert.Equal("Completed", end.GetProperty("state").GetString());
        // Phase 2's first gate (CreateManagerVm) shows what it will create and in which pool, with the hash a vote approves.
        Assert.Contains("What you approve (snapshot ", why);
        Assert.Contains("- new VM for A's manager: planned: ovmm-a-vm, 8192 MB, 2 CPUs, pool pool-b, HA on, repository repo-b", why);

        var json = await client.GetAsync($"/api/migrations/{id}/record");
        var markdown = await client.GetStringAsync($"/api/migrations/{id}/record?format=markdown");
        var byAccept = new HttpRequestMessage(HttpMethod.Get, $"/api/migrations/{id}/record");
        byAccept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        var negotiated = await client.SendAsync(byAccept);
        var html = await client.GetStringAsync($"/api/migrations/{id}/record?format=html");
        var badFormat = await client.GetAsync($"/api/migrations/{id}/record?format=pdf");
        var unknown = await client.GetAsync($"/api/migrations/{Guid.NewGuid()}/record");
        await WriteArtefactsAsync(markdown, await json.Content.ReadAsStringAsync(), html);

        var record = await json.ReadAsync();
        Assert.Equal(("A", "B", "alice", "Completed"), (record.GetProperty("environmentA").GetString(), record.GetProperty("environmentB").GetString(),
            record.GetProperty("requestedBy").GetString(), record.GetProperty("state").GetString()));
        Assert.True(record.GetProperty("journal").GetProperty("intact").GetBoolean());
        var steps = record.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(26, steps.Count);
        Assert.All(steps.Where(s => s.GetProperty("status").GetString() == "Succeeded"), s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("duration").ValueKind));
        var create = steps.Single(s => s.GetProperty("phase").GetInt32() == 1 && s.GetProperty("step").GetString() == "CreateManagerVm");
        Assert.Contains(create.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("jobId").GetString() is { Length: > 0 });
        var gates = record.GetProperty("gates").EnumerateArray().ToList();
        var stop = gates.Single(g => g.GetProperty("phase").GetInt32() == 1 && g.GetProperty("gate").GetString() == "StopOldManager");
        var hash = stop.GetProperty("snapshot").GetProperty("hash").GetString()!;
        Assert.Equal(["bob", "carol"], stop.GetProperty("votes").EnumerateArray().Select(v => v.GetProperty("user").GetString()));
        Assert.All(stop.GetProperty("votes").EnumerateArray(), v => Assert.Equal(hash, v.GetProperty("approvedHash").GetString()));
        Assert.Contains(stop.GetProperty("snapshot").GetProperty("facts").EnumerateArray(), f => f.GetProperty("name").GetString() == "UUID the new manager takes");
        Assert.All(record.GetProperty("phases").EnumerateArray(), p => Assert.True(p.GetProperty("drill").GetProperty("passed").GetBoolean()));

        Assert.StartsWith($"# Change record: migration {id}", markdown);
        Assert.Contains("- **Requested by**: alice via api", markdown);
        Assert.Contains("- **Journal**: intact: Journal intact:", markdown);
        Assert.Contains("### Phase 1 StopOldManager, round ", markdown);
        Assert.Contains($"snapshot hash `{hash}`", markdown);
        Assert.Contains("| bob | Approve |", markdown);
        Assert.Contains("- HA drill: passed: manager moved", markdown);
        Assert.Equal("text/markdown", negotiated.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<table>", html);
        Assert.Contains("<h1>Change record: migration", html);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("'format' must be json, markdown or html", (await badFormat.ReadAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task WriteArtefactsAsync(string markdown, string json, string html)
    {
        var folder = Path.Combine(RepositorySettings.FindRoot(AppContext.BaseDirectory)!, "test-artifacts", "change-record");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "change-record.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(folder, "change-record.json"), json);
        await File.WriteAllTextAsync(Path.Combine(folder, "change-record.html"), html);
    }
}
