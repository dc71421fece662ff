namespace OvmSelfHost.Web;

/// <param name="Authenticated">How the voter proved who they are (method, provider subject, sign-in time); null when not recorded.</param>
internal sealed record ProposalVoteView(string User, string Decision, string? Reason, DateTimeOffset At, string Channel, string? Authenticated = null);
