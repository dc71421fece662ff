using OvmSelfHost.Chat.Slack.Signing;

// The floor for bench/run-ack.sh: the least an endpoint must do to acknowledge a Slack request.
// Reads the raw body, verifies the v0 signature with the host's own SlackSignatureVerifier, answers 200.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var secret = Environment.GetEnvironmentVariable("Slack__SigningSecret") ?? throw new InvalidOperationException("Slack__SigningSecret is not set");
var verifier = new SlackSignatureVerifier(secret, TimeProvider.System);
var app = builder.Build();

async Task Acknowledge(HttpContext http)
{
    using var buffer = new MemoryStream();
    await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
    var check = verifier.Verify(http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    http.Response.StatusCode = check == SignatureCheck.Valid ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
}

app.MapPost("/slack/commands", Acknowledge);
app.MapPost("/slack/interactions", Acknowledge);
app.MapGet("/healthz", () => "ok");
app.Run();
