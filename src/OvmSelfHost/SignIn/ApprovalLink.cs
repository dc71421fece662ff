using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.SignIn;

/// <summary>What a chat approval link carries (protected, so nobody can forge or change one): the opening, who it was sent to, until when.</summary>
/// <param name="Nonce">Makes each link single-use: its confirmation is a delivery claim on this value.</param>
public sealed record ApprovalLink(Guid MigrationId, int Phase, Runbook.Gates.GateKey Gate, int Round, string Channel, string ChatUserId, string Person, DateTimeOffset ExpiresAt, string Nonce)
{
    public ProposalKey Key => new(MigrationId, Phase, Gate, Round);
}
