namespace OvmSelfHost.Chat.Teams.Cards;

/// <summary>
/// For whom a card is drawn: everyone (the card stored in the conversation: status, no buttons) or
/// one approver (the refreshed or invoke-returned card: live Approve / Reject), with a line for them.
/// </summary>
public sealed record TeamsCardViewer(bool MayVote, string? Notice = null)
{
    public static TeamsCardViewer Everyone { get; } = new(false);
}
