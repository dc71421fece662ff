namespace OvmSelfHost.Storage;

/// <summary>
/// One delivery a channel acted on (table <c>ovm_delivery_claims</c>): the unique key makes a second
/// claim fail, across replicas too. Times are Unix milliseconds, so that expiry is compared in SQL
/// the same way on SQLite and PostgreSQL.
/// </summary>
internal sealed class DeliveryClaimRow
{
    public string Key { get; set; } = "";
    public string Channel { get; set; } = "";
    public long ClaimedAt { get; set; }
    public long ExpiresAt { get; set; }

    /// <summary>The first delivery's answer, where the protocol lets the bot answer a repeat.</summary>
    public string? Answer { get; set; }
}
