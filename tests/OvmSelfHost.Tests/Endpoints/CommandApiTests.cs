using System.Net;
using System.Text.Json;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Endpoints;

public sealed class CommandApiTests
{
    private static async Task<(HttpStatusCode Status, string Text)> SayAsync(HttpClient client, string user, string text)
    {
        var response = await client.PostJsonAsync("/api/commands", new { user, text });
        return (response.StatusCode, (await response.ReadAsync()).GetProperty("text").GetString()!);
    }

    [Fact]
    public async Task Read_only_commands_answer_in_words()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        Assert.Contains("/ovm approve <id>", (await SayAsync(client, "alice", "/ovm help")).Text);
        Assert.Contains("A (hosting pool pool-a, manager VM ovmm-a-vm)", (await SayAsync(client, "alice", "/ovm envs")).Text);
        var plan = (await SayAsync(client, "alice", "/ovm plan A B")).Text;
        Assert.Contains("Phase 1: B's manager moves into a VM hosted by A", plan);
        Assert.DoesNotContain("phase 1: phase 1", plan, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Stop the old manager — risk dangerous, 2 approvers", plan);
        Assert.DoesNotContain("TwoApprovers", plan);
        Assert.DoesNotContain("stateDiagram", plan);
        Assert.Contains("No migrations yet", (await SayAsync(client, "alice", "/ovm status")).Text);
        Assert.Contains("saturday-night: cron '0 0 22 ? * SAT' in Europe/Berlin", (await SayAsync(client, "alice", "/ovm windows")).Text);
    }

    [Fact]
    public async Task A_migration_can_be_driven_by_commands_alone()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();

        var (status, started) = await SayAsync(client, "alice", "/ovm start A B now");
        Assert.Equal(HttpStatusCode.OK, status);
        var id = JsonDocument.Parse(await (await client.GetAsync("/api/migrations")).Content.ReadAsStringAsync()).RootElement[0].GetProperty("shortId").GetString()!;
        Assert.Contains(id, started);
        await client.WaitForAsync(Guid.Parse((await (await client.GetAsync("/api/migrations")).ReadAsync())[0].GetProperty("id").GetString()!),
            r => r.GetProperty("state").GetString() == "AwaitingApproval");

        var why = await SayAsync(client, "alice", $"/ovm why {id}");
        Assert.Contains("Who can decide \"Create the manager VM\": bob or carol", why.Text);
        Assert.Contains($"/ovm approve {id} CreateManagerVm", why.Text);
        var detail = (await SayAsync(client, "alice", $"/ovm status {id}")).Text;
        Assert.Contains("[?] Create the manager VM: needs approval", detail);
        Assert.Contains(": waiting for approval", detail);
        Assert.DoesNotContain("AwaitingApproval", detail);
        Assert.Equal(HttpStatusCode.Forbidden, (await SayAsync(client, "alice", $"/ovm approve {id} CreateManagerVm")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SayAsync(client, "bob", $"/ovm reject {id} CreateManagerVm")).Status);
        Assert.Contains("Paused by bob", (await SayAsync(client, "bob", $"/ovm pause {id}")).Text);
        Assert.Contains("Resume by carol", (await SayAsync(client, "carol", $"/ovm resume {id}")).Text);
        Assert.Equal(HttpStatusCode.Conflict, (await SayAsync(client, "bob", $"/ovm rollback {id}")).Status);
        Assert.Contains("Aborted by bob", (await SayAsync(client, "bob", $"/ovm abort {id}")).Text);
        var audit = (await SayAsync(client, "alice", $"/ovm audit {id}")).Text;
        Assert.Contains("alice via web: requested", audit);
        Assert.Contains("bob via web: abort", audit);
    }

    [Theory]
    [InlineData("/ovm frobnicate", HttpStatusCode.BadRequest, "Unknown command 'frobnicate'")]
    [InlineData("/ovm status zz", HttpStatusCode.NotFound, "not a migration id")]
    [InlineData("/ovm approve", HttpStatusCode.BadRequest, "Usage: /ovm approve <id>")]
    [InlineData("/ovm start A", HttpStatusCode.BadRequest, "Usage: /ovm start")]
    [InlineData("/ovm start A B window saturday", HttpStatusCode.BadRequest, "Unknown window 'saturday': configured: saturday-night")]
    [InlineData("/ovm plan A", HttpStatusCode.BadRequest, "Usage: /ovm plan")]
    public async Task Bad_commands_get_a_clear_reply_and_change_nothing(string text, HttpStatusCode status, string expected)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        var reply = await SayAsync(client, "alice", text);

        Assert.Equal(status, reply.Status);
        Assert.Contains(expected, reply.Text);
        Assert.Empty((await (await client.GetAsync("/api/migrations")).ReadAsync()).EnumerateArray());
    }
}
