namespace OvmSelfHost.Runbook.Audit;

/// <summary>
/// What checking a migration's journal chain found.
/// </summary>
/// <param name="Intact">Every hashed entry matches its content and follows the one before it.</param>
/// <param name="Entries">Entries in the journal.</param>
/// <param name="Chained">Entries that carry a link and were checked.</param>
/// <param name="Unchained">Entries written before the chain existed (an older version of the bot); they cannot be verified.</param>
/// <param name="FirstBrokenEntryId">The row id of the first entry that fails, when one does.</param>
/// <param name="FirstBrokenPosition">Its position in the journal, from 1, when one fails.</param>
/// <param name="Message">The result in words, naming the first broken entry.</param>
public sealed record JournalVerification(
    bool Intact,
    int Entries,
    int Chained,
    int Unchained,
    long? FirstBrokenEntryId,
    int? FirstBrokenPosition,
    string Message);
