using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Endpoints;

public sealed class MigrationApiTests
{
    private static readonly object Start = new { environments = new[] { "A", "B" }, requestedBy = "alice" };

    [Fact]
    public async Task Health_answers_and_says_no_adapter_is_configured()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("none", (await response.ReadAsync()).GetProperty("adapter").GetString());
    }

    [Fact]
    public async Task Environments_are_listed_from_configuration()
    {
        await using var host = new HostFactory();
        var body = await (await host.CreateClient().GetAsync("/api/environments")).ReadAsync();

        Assert.Equal(["A", "B"], body.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Starting_a_migration_answers_201_with_its_steps_and_gates()
    {
        await using var host = new HostFactory();
        var response = await host.CreateClient().PostJsonAsync("/api/migrations", Start);
        var body = await response.ReadAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Queued", body.GetProperty("state").GetString());
        Assert.Equal(1, body.GetProperty("phase").GetInt32());
        Assert.Equal("Preflight", body.GetProperty("currentStep").GetString());
        var steps = body.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(OvmSelfHost.Runbook.Definition.Procedure.Steps.Count * OvmSelfHost.Runbook.Definition.Procedure.PhaseCount, steps.Count);
        var stop = steps.Single(s => s.GetProperty("name").GetString() == "StopOldManager" && s.GetProperty("phase").GetInt32() == 1);
        Assert.Equal("Dangerous", stop.GetProperty("risk").GetString());
        Assert.Equal(2, stop.GetProperty("approval").GetProperty("required").GetInt32());
        Assert.Contains("no Oracle VM adapter", body.GetProperty("statusMessage").GetString());
    }

    [Theory]
    [InlineData("{not json", 400, "not valid JSON")]
    [InlineData("""{"environments":["A"],"requestedBy":"alice"}""", 400, "exactly two")]
    [InlineData("""{"environments":["A","A"],"requestedBy":"alice"}""", 400, "two different")]
    [InlineData("""{"environments":["A","Q"],"requestedBy":"alice"}""", 400, "Unknown environment Q")]
    [InlineData("""{"environments":["A","B"]}""", 400, "'requestedBy' is required")]
    [InlineData("""{"environments":["A","B"],"requestedBy":"bob"}""", 403, "requester role")]
    public async Task Bad_start_requests_get_a_clear_answer_and_create_nothing(string body, int status, string expected)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        var response = await client.PostRawAsync("/api/migrations", body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, (await response.ReadAsync()).GetProperty("detail").GetString());
        Assert.Empty((await (await client.GetAsync("/api/migrations")).ReadAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_second_migration_on_a_busy_environment_is_a_conflict()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        await client.PostJsonAsync("/api/migrations", Start);

        var second = await client.PostJsonAsync("/api/migrations", new { environments = new[] { "B", "A" }, requestedBy = "alice" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Single((await (await client.GetAsync("/api/migrations")).ReadAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Decisions_and_actions_refuse_bad_input_without_changing_anything()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetGuid();
        var url = $"/api/migrations/{id}";

        var noGateWaits = await client.PostJsonAsync($"{url}/decisions", new { user = "bob", decision = "approve", gate = "CreateManagerVm" });
        var gateUnnamed = await client.PostJsonAsync($"{url}/decisions", new { user = "bob", decision = "approve" });
        var badWord = await client.PostJsonAsync($"{url}/decisions", new { user = "bob", decision = "maybe" });
        var malformed = await client.PostRawAsync($"{url}/decisions", "[1,");
        var unknownRun = await client.PostJsonAsync($"/api/migrations/{Guid.NewGuid()}/decisions", new { user = "bob", decision = "approve" });
        var badAction = await client.PostJsonAsync($"{url}/actions", new { user = "bob", action = "explode" });
        var stranger = await client.PostJsonAsync($"{url}/actions", new { user = "mallory", action = "abort" });

        Assert.Equal(HttpStatusCode.Conflict, noGateWaits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, gateUnnamed.StatusCode);
        Assert.Contains("'gate' must name the gate you decide: nothing waits (the migration is Queued)", (await gateUnnamed.ReadAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badWord.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        var audit = await (await client.GetAsync($"{url}/audit")).ReadAsync();
        Assert.Single(audit.EnumerateArray());
    }

    [Theory]
    [InlineData("actions", "action", "Resume, Retry")]
    [InlineData("actions", "action", "Resume, Rollback")]
    [InlineData("actions", "action", "3")]
    [InlineData("actions", "action", " abort ")]
    [InlineData("decisions", "decision", "Approve, Reject")]
    [InlineData("decisions", "decision", " approve ")]
    [InlineData("decisions", "decision", "1")]
    public async Task CommaListsNumbersOrBlanks_ActionOrDecision_Are400NamingTheWordsAndChangeNothing(string endpoint, string field, string word)
    {
        // Issue 11, Why 1: "Resume, Retry" was Enum.TryParse's 3 (Abort) and aborted the run; " approve " was trimmed and counted.
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetGuid();

        var response = await client.PostRawAsync($"/api/migrations/{id}/{endpoint}", JsonSerializer.Serialize(new Dictionary<string, string> { ["user"] = "bob", [field] = word, ["reason"] = "r" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field == "action" ? "use pause, resume, retry, abort or rollback" : "use approve or reject", (await response.ReadAsync()).GetProperty("detail").GetString());
        var run = await (await client.GetAsync($"/api/migrations/{id}")).ReadAsync();
        Assert.Equal("Queued", run.GetProperty("state").GetString());
        Assert.Single((await (await client.GetAsync($"/api/migrations/{id}/audit")).ReadAsync()).EnumerateArray());
    }

    [Fact]
    public async Task InventoryDifferenceKinds_OnTheWire_AreNamesNotNumbers()
    {
        var options = HostJson();
        Assert.Equal("\"OwnedByAnotherManager\"", JsonSerializer.Serialize(Runbook.Inventory.DifferenceKind.OwnedByAnotherManager, options));

        static JsonSerializerOptions HostJson()
        {
            using var factory = new HostFactory();
            return factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        }
    }

    [Fact]
    public async Task Abort_through_the_api_ends_the_run_and_frees_the_environments()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetGuid();

        var abort = await client.PostJsonAsync($"/api/migrations/{id}/actions", new { user = "bob", action = "abort" });
        var again = await client.PostJsonAsync("/api/migrations", Start);

        Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
        Assert.Equal("Aborted", (await abort.ReadAsync()).GetProperty("migration").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task The_graph_is_served_as_mermaid()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetGuid();

        var graph = await client.GetStringAsync($"/api/migrations/{id}/graph");

        Assert.StartsWith("stateDiagram-v2", graph);
        Assert.Contains("Queued --> Ready : Started", graph);
    }

    [Fact]
    public async Task A_whole_migration_runs_in_the_background_and_is_approved_through_decisions()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetGuid();

        JsonElement run;
        do
        {
            run = await client.WaitForAsync(id, r => r.GetProperty("state").GetString() is "AwaitingApproval" or "AwaitingAcknowledgement" or "Completed" or "Failed");
            if (run.GetProperty("state").GetString() is "Completed" or "Failed")
            {
                break;
            }

            var required = run.GetProperty("steps").EnumerateArray()
                .Single(s => s.GetProperty("name").GetString() == run.GetProperty("currentStep").GetString() && s.GetProperty("phase").GetInt32() == run.GetProperty("phase").GetInt32())
                .GetProperty("approval").GetProperty("required").GetInt32();
            foreach (var user in new[] { "bob", "carol" }.Take(required))
            {
                var vote = await client.PostJsonAsync($"/api/migrations/{id}/decisions", new { user, decision = "approve", gate = run.GetProperty("pendingGate").GetString() });
                Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
            }

            await client.WaitForAsync(id, r => r.GetProperty("state").GetString() != "AwaitingApproval" || r.GetProperty("pendingGate").GetString() != run.GetProperty("pendingGate").GetString() || r.GetProperty("phase").GetInt32() != run.GetProperty("phase").GetInt32());
        }
        while (true);

        Assert.Equal("Completed", run.GetProperty("state").GetString());
        Assert.All(run.GetProperty("phases").EnumerateArray(), p => Assert.Empty(p.GetProperty("diff").GetProperty("differences").EnumerateArray()));
    }
}
