using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Chat.Proposals;

/// <summary>
/// Port: for a gate whose approval needs a fresh sign-in at the identity provider, the short-lived,
/// single-use link to the console that a chat Approve button answers with, bound to that gate
/// opening and that chat user. The host implements it; in local mode it gives no link and chat
/// votes count as they are.
/// </summary>
public interface IApprovalLinks
{
    /// <summary>How long a link is usable.</summary>
    TimeSpan Lifetime { get; }

    /// <summary>The link, or null when an approval of this gate from chat counts as it is.</summary>
    /// <param name="channel">The chat channel the click came from ("slack", "teams").</param>
    /// <param name="chatUserId">The clicker's id in that channel: only the person it maps to may use the link.</param>
    /// <param name="person">The configured person the chat user maps to.</param>
    Uri? For(ProposalKey key, string channel, string chatUserId, string person);
}
