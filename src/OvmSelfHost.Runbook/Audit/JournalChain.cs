using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OvmSelfHost.Runbook.Audit;

/// <summary>
/// The hash chain of a migration's journal: entry n carries SHA-256 over (migration, n, its content,
/// hash of entry n-1), entry 0 over the run's root (its id and creation time). Editing, removing or
/// inserting a row in the database breaks the chain at that row, and <see cref="Verify"/> names it.
/// </summary>
/// <remarks>
/// Times are hashed in microseconds since the epoch (UTC): PostgreSQL keeps microseconds, SQLite all
/// ticks, so the hash of a stored entry is the same whichever database read it back.
/// </remarks>
public static class JournalChain
{
    public static string Root(Guid migrationId, DateTimeOffset createdAt) =>
        Sha256(JsonSerializer.Serialize(new object[] { "ovm-journal-root", migrationId.ToString("D"), Micros(createdAt) }));

    public static string Hash(AuditEntry entry, long sequence, string previousHash) =>
        Sha256(JsonSerializer.Serialize(new object[]
        {
            entry.MigrationId.ToString("D"), sequence, Micros(entry.At), entry.Actor, entry.Channel, entry.Action, entry.Detail, previousHash,
        }));

    /// <summary>The link for the entry that follows <paramref name="last"/> (null: the first entry of the chain).</summary>
    public static AuditLink Next(AuditEntry entry, AuditLink? last, DateTimeOffset createdAt)
    {
        var sequence = last is null ? 0 : last.Sequence + 1;
        var previous = last?.Hash ?? Root(entry.MigrationId, createdAt);
        return new AuditLink(sequence, previous, Hash(entry, sequence, previous));
    }

    /// <summary>Checks the journal of one migration, in the order it was written.</summary>
    public static JournalVerification Verify(Guid migrationId, DateTimeOffset createdAt, IReadOnlyList<ChainedAuditEntry> journal)
    {
        var unchained = journal.TakeWhile(e => e.Link is null).Count();
        AuditLink? last = null;
        for (var i = unchained; i < journal.Count; i++)
        {
            var (id, entry, link) = journal[i];
            var problem = Problem(migrationId, createdAt, entry, link, last);
            if (problem is not null)
            {
                var at = $"entry {i + 1} (#{id}, {entry.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, {entry.Actor}: {entry.Action})";
                return new JournalVerification(false, journal.Count, i - unchained, unchained, id, i + 1, $"Journal broken at {at}: {problem}");
            }

            last = link;
        }

        var chained = journal.Count - unchained;
        var message = unchained == 0
            ? $"Journal intact: {chained} entries chained from the run's creation."
            : chained == 0
                ? $"Journal not verifiable: its {unchained} entries were written before the journal was chained."
                : $"Journal intact from entry {unchained + 1}: {chained} entries chained; the first {unchained} were written before the journal was chained and cannot be verified.";
        return new JournalVerification(true, journal.Count, chained, unchained, null, null, message);
    }

    private static string? Problem(Guid migrationId, DateTimeOffset createdAt, AuditEntry entry, AuditLink? link, AuditLink? last)
    {
        if (link is null)
        {
            return "it has no hash though the entries before it do: it was added outside the bot.";
        }

        if (entry.MigrationId != migrationId)
        {
            return "it belongs to another migration.";
        }

        var expectedSequence = last is null ? 0 : last.Sequence + 1;
        if (link.Sequence != expectedSequence)
        {
            return link.Sequence > expectedSequence
                ? $"{link.Sequence - expectedSequence} entries before it are missing (expected number {expectedSequence}, found {link.Sequence})."
                : $"it repeats number {link.Sequence} of the chain.";
        }

        var expectedPrevious = last?.Hash ?? Root(migrationId, createdAt);
        if (link.PreviousHash != expectedPrevious)
        {
            return last is null
                ? "it does not follow from the run's creation (the migration's creation time or id was changed)."
                : "it does not follow the entry before it.";
        }

        return Hash(entry, link.Sequence, link.PreviousHash) == link.Hash
            ? null
            : "its content does not match its hash: it was changed after it was written.";
    }

    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
