namespace OvmSelfHost.Chat.Teams.Cards;

/// <summary>The <c>Action.Execute</c> verbs of the migration card and the names in their data.</summary>
public static class TeamsCardVerbs
{
    public const string Approve = "gate.approve";

    /// <summary>First click on a dangerous gate's Approve: asks the approver to confirm; records nothing.</summary>
    public const string ConfirmApprove = "gate.approve.confirm";
    public const string Reject = "gate.reject";
    public const string Refresh = "run.refresh";

    /// <summary>The proposal key (one gate opening) in an approve/reject action's data.</summary>
    public const string ProposalField = "proposal";

    /// <summary>The migration id in a refresh action's data.</summary>
    public const string MigrationField = "migration";
}
