namespace OvmSelfHost.Chat.Queue;

/// <summary>Work a chat request handed off after its acknowledgement: a command to run, a reply to send.</summary>
/// <param name="Description">What it is, for the log (never a secret, never a user's full text).</param>
public sealed record ChatWork(string Description, Func<CancellationToken, Task> RunAsync);
