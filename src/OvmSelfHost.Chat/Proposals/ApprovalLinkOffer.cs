using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Chat.Proposals;

/// <summary>
/// What a chat Approve button answers for a gate that needs a fresh sign-in: the runbook's refusal
/// when the vote would not count anyway (not an approver, the requester, a closed opening), else the
/// link to confirm in the console. Nothing is recorded here; the vote is cast when the link is used.
/// </summary>
public sealed class ApprovalLinkOffer(MigrationEngine engine, TimeProvider time, IApprovalLinks? links = null)
{
    /// <returns>Null when the gate takes the chat vote as it is; else the answer for the clicker.</returns>
    public async Task<string?> OfferAsync(ProposalKey key, string channel, string chatUserId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(person);
        if (links?.For(key, channel, chatUserId, person.Name) is not { } link)
        {
            return null;
        }

        // Every other rule of the vote, as if the sign-in were fresh: a link that could never count is not sent.
        var asIfFresh = new Authentication(channel, SignedInAt: time.GetUtcNow());
        var refusal = await engine.VoteRefusalAsync(key.MigrationId, person.Name, VoteDecision.Approve, null, key.Opening, cancellationToken, asIfFresh);
        return refusal is not null
            ? refusal.Message
            : $"{key.Gate} needs a fresh sign-in to approve. Open {link} (for {person.Name} only, usable once, for {links.Lifetime.TotalMinutes:0} minutes), sign in and confirm there; this message updates like any vote.";
    }
}
