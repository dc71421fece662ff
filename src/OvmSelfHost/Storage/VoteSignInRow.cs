namespace OvmSelfHost.Storage;

/// <summary>
/// How a vote was authenticated (method, identity provider subject, sign-in time), one row per vote
/// that carried it: a table of its own, so databases of earlier versions gain it without a new column.
/// Never a token.
/// </summary>
internal sealed class VoteSignInRow
{
    public long Id { get; set; }
    public Guid MigrationId { get; set; }
    public int Phase { get; set; }
    public string Gate { get; set; } = "";
    public int Round { get; set; }
    public string User { get; set; } = "";
    public string Method { get; set; } = "";
    public string? Subject { get; set; }
    public DateTimeOffset? SignedInAt { get; set; }
}
