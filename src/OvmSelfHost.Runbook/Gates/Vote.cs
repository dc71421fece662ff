namespace OvmSelfHost.Runbook.Gates;

/// <summary>One person's decision on one opening of one gate. Votes are kept for ever.</summary>
/// <param name="Round">Which opening of the gate: a gate opened again after a retry starts a new round.</param>
/// <param name="Authentication">How the voter proved who they are; null for votes recorded before this was kept.</param>
/// <param name="ApprovedHash">The snapshot hash an approval approved (what the voter was shown); null for a rejection, a gate without a snapshot, or a vote recorded before this was kept.</param>
public sealed record Vote(
    int Phase,
    GateKey Gate,
    int Round,
    string User,
    string Channel,
    VoteDecision Decision,
    string? Reason,
    DateTimeOffset At,
    People.Authentication? Authentication = null,
    string? ApprovedHash = null);
