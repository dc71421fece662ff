namespace OvmSelfHost.Web;

/// <summary>A click on a proposal card: who, approve or reject, and the reason of a rejection.</summary>
internal sealed record VoteRequest(string? User, string? Decision, string? Reason);
