namespace OvmSelfHost.Runbook.Gates;

/// <summary>What happens to a gate opening nobody decided by its deadline. None of them is a failure.</summary>
public enum GateTimeout
{
    /// <summary>The opening keeps waiting; the channel and the escalation list are told it is overdue.</summary>
    StaysOpen,

    /// <summary>The opening's votes expire and the gate is proposed again as a new round.</summary>
    Expires,

    /// <summary>The opening is rejected by the policy (not by a person); a retry proposes it again.</summary>
    Rejects,
}
