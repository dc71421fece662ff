namespace OvmSelfHost.EndToEnd.Support;

/// <summary>One chat.postMessage or chat.update the fake Slack accepted; <paramref name="Ts"/> is the message's own.</summary>
public sealed record FakeSlackPost(string Method, string Channel, string Ts, string? ThreadTs, string Text, string Body)
{
    public bool IsPost => Method == "chat.postMessage";

    /// <summary>A post with Block Kit blocks (the run message, a gate's proposal), not a plain thread line.</summary>
    public bool HasBlocks => Body.Contains("\"blocks\":[", StringComparison.Ordinal);
}
