namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// What a change tells the chat channels. The store writes it, in the transaction of the change it
/// reports, as one outbox row per channel; a relay delivers the rows later, so an outage of a chat
/// service delays a notice and never drops it.
/// </summary>
/// <param name="Text">What happened (the engine's message), or one line of a step's output.</param>
public sealed record RunNotice(RunNoticeKind Kind, string Text)
{
    public static RunNotice Changed(string what) => new(RunNoticeKind.Changed, what);

    public static RunNotice Output(string line) => new(RunNoticeKind.Output, line);
}
