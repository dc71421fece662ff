namespace OvmSelfHost.Chat.Teams.Cards;

/// <summary>
/// For whom a card is drawn: everyone (the card stored in the conversation: status, no buttons) or
/// one approver (the refreshed or invoke-returned card: live Approve / Reject), with a line for them.
/// <see cref="Confirming"/> is set when that approver clicked Approve on a dangerous gate and is asked to confirm.
/// </summary>
public sealed record TeamsCardViewer(bool MayVote, string? Notice = null, bool Confirming = false)
{
    public static TeamsCardViewer Everyone { get; } = new(false);
}
