using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Slack;

/// <summary>One call the bot made to the fake Slack: a Web API method or a response_url post.</summary>
public sealed record FakeSlackCall(string Method, JsonObject Body, string? Authorization, int Status, DateTimeOffset At);
