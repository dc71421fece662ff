using System.Net;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Endpoints;

/// <summary>
/// What the web console reads on each change (issue 15): summaries for the list, paged; short ids that
/// resolve or say why not; who can still vote on an open gate; compressed run details.
/// </summary>
public sealed class ConsoleListApiTests
{
    private static readonly object Start = new { environments = new[] { "A", "B" }, requestedBy = "alice" };

    [Fact]
    public async Task OneRun_ListMigrations_ReturnsASummaryWithoutStepsAndWithItsStepTitle()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        await client.PostJsonAsync("/api/migrations", Start);

        var list = (await (await client.GetAsync("/api/migrations?limit=1")).ReadAsync()).EnumerateArray().ToList();

        var run = Assert.Single(list);
        Assert.False(run.TryGetProperty("steps", out _));
        Assert.Equal("Preflight", run.GetProperty("currentStep").GetString());
        Assert.Equal("Preflight", run.GetProperty("currentStepTitle").GetString());
        Assert.True(run.TryGetProperty("version", out _));
    }

    [Theory]
    [InlineData("?limit=abc", "'limit' must be a whole number from 1 to 500")]
    [InlineData("?limit=0", "'limit' must be a whole number from 1 to 500")]
    [InlineData("?limit=501", "'limit' must be a whole number from 1 to 500")]
    [InlineData("?before=yesterday", "'before' must be a time")]
    public async Task BadPage_ListMigrations_Is400WithWhatToSend(string query, string expected)
    {
        await using var host = new HostFactory();

        var response = await host.CreateClient().GetAsync($"/api/migrations{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ShortIds_GetMigration_ResolvesOneOrSays404WithWhy()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var started = await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync();
        var shortId = started.GetProperty("shortId").GetString();

        var found = await client.GetAsync($"/api/migrations/{shortId}");
        var notAnId = await client.GetAsync("/api/migrations/zz-top");
        var unknown = await client.GetAsync($"/api/migrations/{(shortId![0] == '0' ? "1" : "0")}{shortId[1..]}");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(started.GetProperty("id").GetString(), (await found.ReadAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Contains("is not a migration id", (await notAnId.ReadAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No migration has the id", (await unknown.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenGate_ListProposals_NamesWhoCanVoteAndNeverTheRequester()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var id = await Migrations.MigrationDriver.StartAsync(client);
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "CreateManagerVm");

        var proposals = (await (await client.GetAsync($"/api/migrations/{id}/proposals")).ReadAsync()).EnumerateArray().ToList();

        var open = Assert.Single(proposals, p => p.GetProperty("status").GetString() == "Open");
        Assert.Equal(["bob", "carol"], open.GetProperty("canVote").EnumerateArray().Select(n => n.GetString()).Order());
    }

    [Fact]
    public async Task BrowserAcceptsGzip_GetMigration_IsCompressedButTheSessionIsNot()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetString();

        using var detail = new HttpRequestMessage(HttpMethod.Get, $"/api/migrations/{id}");
        detail.Headers.AcceptEncoding.ParseAdd("gzip");
        using var session = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        session.Headers.AcceptEncoding.ParseAdd("gzip");
        var detailResponse = await client.SendAsync(detail);
        var sessionResponse = await client.SendAsync(session);

        Assert.Equal(["gzip"], detailResponse.Content.Headers.ContentEncoding);
        // The session carries the anti-forgery token: never compressed (BREACH).
        Assert.Empty(sessionResponse.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task TextsNone_GetMigration_LeavesOutTheStepsFixedTextsOnly()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", Start)).ReadAsync()).GetProperty("id").GetString();

        var lean = await (await client.GetAsync($"/api/migrations/{id}?texts=none")).ReadAsync();
        var bad = await client.GetAsync($"/api/migrations/{id}?texts=some");

        var step = lean.GetProperty("steps")[0];
        Assert.Equal("", step.GetProperty("whatHappens").GetString());
        Assert.Equal("Preflight", step.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'texts' must be 'all' or 'none'", (await bad.ReadAsync()).GetProperty("detail").GetString());
    }
}
