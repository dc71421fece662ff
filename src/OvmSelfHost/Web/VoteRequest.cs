namespace OvmSelfHost.Web;

/// <summary>A click on a proposal card: who, approve or reject, and the reason of a rejection.</summary>
/// <param name="DeliveryId">Optional: the console sends a new one per click, so a resent request is recognised as the same click.</param>
internal sealed record VoteRequest(string? User, string? Decision, string? Reason, string? DeliveryId = null);
