namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>A Connector or token call failed, or was refused before it went out (an untrusted serviceUrl).</summary>
public sealed class TeamsConnectorException(string operation, string reason)
    : Exception($"Teams {operation} failed: {reason}.")
{
    public string Operation { get; } = operation;

    /// <summary>How long the Connector asked the bot to wait (HTTP Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
