namespace OvmSelfHost.Web;

internal sealed record ProposalVoteView(string User, string Decision, string? Reason, DateTimeOffset At, string Channel);
