namespace OvmSelfHost.Runbook.Engine;

/// <summary>The delivery a save was to claim had been claimed already (a replay, or a retry racing the first): nothing was saved.</summary>
public sealed class DeliveryAlreadyClaimedException(string key, Exception? inner = null)
    : Exception($"Delivery {key} was received before; nothing was saved again.", inner)
{
    public string Key { get; } = key;
}
