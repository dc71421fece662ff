// Stand-in for https://slack.com/api/ and for response_url, used by the bench harness only.
// Counts calls per path (GET /_stats) so a run can show what the host sent in the background.
using System.Collections.Concurrent;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var counts = new ConcurrentDictionary<string, long>();
long ts = 1_700_000_000_000_000;

app.MapGet("/_stats", () => Results.Json(counts.ToDictionary(kv => kv.Key, kv => kv.Value)));
app.MapGet("/_messages", () => Results.Json(Messages.Recent.ToArray()));
app.MapGet("/users.info", (string? user) => Results.Json(new { ok = true, user = new { id = user, name = "bench", real_name = "Bench User" } }));
app.Map("/{**rest}", async (HttpContext http) =>
{
    var path = http.Request.Path.Value ?? "/";
    var key = path.StartsWith("/response/", StringComparison.Ordinal) ? "/response" : path;
    counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    using var reader = new StreamReader(http.Request.Body);
    var body = await reader.ReadToEndAsync();
    if (key is "/chat.postMessage" or "/chat.update")
    {
        Messages.Add(body);
    }

    var id = Interlocked.Increment(ref ts);
    return Results.Json(new { ok = true, channel = "C0BENCH", ts = $"{id / 1_000_000}.{id % 1_000_000:D6}", message_ts = $"{id / 1_000_000}.{id % 1_000_000:D6}" });
});
app.Run();

static class Messages
{
    public static readonly ConcurrentQueue<string> Recent = new();

    public static void Add(string body)
    {
        Recent.Enqueue(body);
        while (Recent.Count > 50 && Recent.TryDequeue(out _))
        {
        }
    }
}
