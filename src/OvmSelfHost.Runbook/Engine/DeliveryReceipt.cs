namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// The delivery a command answers (a console vote, say), to be claimed in the transaction that saves the command's
/// change, with the answer a replay of it gets: the change and the claim are kept together or not at all, in one
/// write, and a replay on any replica changes nothing. A command that changes nothing claims nothing here; its
/// channel remembers the refusal on its own.
/// </summary>
/// <param name="Key">The delivery's key (unique per delivery, as the channel builds it).</param>
/// <param name="Channel">The channel kind, for the record: "web", "slack", "teams".</param>
/// <param name="Answer">The answer to keep for replays, from the command's outcome (each channel encodes its own).</param>
public sealed record DeliveryReceipt(string Key, string Channel, Func<CommandOutcome, string> Answer);
