using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Slack;
using OvmSelfHost.Tests.Support;
using OvmSelfHost.Tests.Teams;
using Xunit.Abstractions;

namespace OvmSelfHost.Tests.Hostile;

/// <summary>
/// Issue 11, "No 5xx for anything a person or a payload can send": thousands of generated hostile
/// requests against every endpoint the host maps (read from its EndpointDataSource, so a new
/// endpoint is covered without touching this test), Slack's signed with the real secret and Teams'
/// carrying valid Bot Framework tokens, while a migration waits at a gate. Not one answer may be a
/// 5xx, and the runs, steps, votes, intents and journal must be byte for byte what they were.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Payloads = 10_600;
    private const int Seed = 11;

    private FakeSlackApi slack = null!;
    private FakeBotFramework bot = null!;

    public async Task InitializeAsync()
    {
        slack = new FakeSlackApi();
        await slack.StartAsync();
        bot = new FakeBotFramework();
        await bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await slack.DisposeAsync();
        await bot.DisposeAsync();
    }

    [Fact]
    public async Task GeneratedHostileRequests_EveryEndpoint_NoAnswerIs5xxAndNothingChanges()
    {
        await using var factory = new HostFactory(new FakeOvm());
        await using var host = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Slack:SigningSecret", SlackRequest.SigningSecret);
            b.UseSetting("Slack:BotToken", FakeSlackApi.Token);
            b.UseSetting("Slack:Channel", FakeSlackApi.ChannelId);
            b.UseSetting("Slack:ApiBaseUrl", slack.BaseUrl + "/api/");
            b.UseSetting("Slack:ResponseUrlPrefixes:0", slack.BaseUrl + "/responses/");
            b.UseSetting("Teams:AppId", FakeBotFramework.AppId);
            b.UseSetting("Teams:AppPassword", FakeBotFramework.AppPassword);
            b.UseSetting("Teams:OpenIdMetadataUrl", bot.MetadataUrl);
            b.UseSetting("Teams:TokenEndpoint", bot.TokenEndpoint);
        });
        // No cookie jar: the anti-forgery cookie GET /api/session hands out would make every later POST a
        // browser's, refused before its body is read; scripts (and this test) reach the parsers themselves.
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var run = await MigrationAtAGateAsync(client);
        var key = $"{run.Id:N}.{run.Phase}.{run.Gate}.{run.Round}";
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => (Endpoint: e, Method: m)))
            .OrderBy(e => e.Endpoint.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
        Assert.Contains(endpoints, e => e.Endpoint.RoutePattern.RawText == "/slack/interactions");
        Assert.Contains(endpoints, e => e.Endpoint.RoutePattern.RawText == "/api/messages");
        var before = await SnapshotAsync(factory.DatabaseFile);
        var token = bot.Token();

        var generator = new HostilePayloads(new Random(Seed), run.Id, key);
        var payloads = Enumerable.Range(0, Payloads).Select(i => endpoints[i % endpoints.Count])
            .Select(e => generator.Next(e.Endpoint, e.Method))
            .Where(p => !(p.Path.StartsWith("/api/events", StringComparison.Ordinal)))
            .ToList();
        payloads.AddRange(Enumerable.Range(0, 5).Select(_ => new HostilePayload("/api/events", "GET", "/api/events", null, [], "read")));
        var answers = new List<(HostilePayload Payload, int Status)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(payloads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (payload, ct) =>
        {
            var status = await SendAsync(client, payload, token, ct);
            lock (answers)
            {
                answers.Add((payload, status));
            }
        });
        clock.Stop();
        await Task.Delay(500);
        var after = await SnapshotAsync(factory.DatabaseFile);

        output.WriteLine($"Sent {answers.Count} hostile payloads to {endpoints.Count} endpoint methods in {clock.Elapsed.TotalSeconds:F1} s (seed {Seed}).");
        foreach (var group in answers.GroupBy(a => a.Status).OrderBy(g => g.Key))
        {
            output.WriteLine($"  HTTP {group.Key}: {group.Count()}");
        }

        foreach (var group in answers.GroupBy(a => $"{a.Payload.Method} {a.Payload.Endpoint}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} ({string.Join(", ", group.GroupBy(a => a.Status).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Count()}"))})");
        }

        var failures = answers.Where(a => a.Status >= 500).Take(10)
            .Select(a => $"{a.Status} {a.Payload.Method} {a.Payload.Path} [{a.Payload.ContentType}] {Shorten(a.Payload.Body)}").ToList();
        Assert.True(failures.Count == 0, "5xx answers:\n" + string.Join('\n', failures));
        Assert.True(answers.Count >= 10_000, $"only {answers.Count} payloads");
        var changed = after.Split('\n').Except(before.Split('\n')).ToList();
        Assert.True(changed.Count == 0, "hostile requests changed the database:\n" + string.Join('\n', changed));
    }

    private sealed record OpenGate(Guid Id, int Phase, string Gate, int Round);

    private static async Task<OpenGate> MigrationAtAGateAsync(HttpClient client)
    {
        var started = await client.PostJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" });
        var id = (await started.ReadAsync()).GetProperty("id").GetGuid();
        var run = await client.WaitForAsync(id, m => m.GetProperty("state").GetString() == "AwaitingApproval");
        var proposals = await (await client.GetAsync($"/api/migrations/{id}/proposals")).ReadAsync();
        var open = proposals.EnumerateArray().Last();
        var key = open.GetProperty("key").GetString()!.Split('.');
        return new OpenGate(id, run.GetProperty("phase").GetInt32(), run.GetProperty("pendingGate").GetString()!, int.Parse(key[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<int> SendAsync(HttpClient client, HostilePayload payload, string token, CancellationToken cancellationToken)
    {
        var body = payload.Body;
        if (payload.Path == "/api/messages")
        {
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("{serviceUrl}", bot.ServiceUrl, StringComparison.Ordinal));
        }

        using var request = new HttpRequestMessage(new HttpMethod(payload.Method), payload.Path);
        if (payload.Method != "GET")
        {
            request.Content = new ByteArrayContent(body);
            if (payload.ContentType is { Length: > 0 } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (payload.Path.StartsWith("/slack/", StringComparison.Ordinal))
        {
            var timestamp = SlackRequest.Now();
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(SlackRequest.SigningSecret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body])));
        }
        else if (payload.Path == "/api/messages")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streaming = payload.Path.StartsWith("/api/events", StringComparison.Ordinal);
        using var response = await client.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token);
        if (streaming)
        {
            await timeout.CancelAsync();
        }

        return (int)response.StatusCode;
    }

    private static string Shorten(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>Every row of the tables that hold runs, votes and the journal, as text.</summary>
    private static async Task<string> SnapshotAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "ovm_migrations", "ovm_steps", "ovm_votes", "ovm_intents", "ovm_audit", "ovm_environment_claims" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            await using var reader = await command.ExecuteReaderAsync();
            text.AppendLine($"[{table}]");
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
