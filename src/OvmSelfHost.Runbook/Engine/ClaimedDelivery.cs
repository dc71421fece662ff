namespace OvmSelfHost.Runbook.Engine;

/// <summary>A delivery to claim in a save's own transaction, with the answer its replays get (see <see cref="DeliveryReceipt"/>).</summary>
public sealed record ClaimedDelivery(string Key, string Channel, string Answer);
