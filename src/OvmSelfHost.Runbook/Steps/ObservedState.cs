namespace OvmSelfHost.Runbook.Steps;

/// <summary>What a step found when it looked at Oracle VM and the hosts before acting.</summary>
public enum ObservedState
{
    /// <summary>The step only reads: there is no effect to look for, it simply runs.</summary>
    ReadsOnly,

    /// <summary>The effect is not there (or only in part): act, continuing from what is there.</summary>
    NotDone,

    /// <summary>The effect is under way (an installer still runs): wait for it, never start it again.</summary>
    InProgress,

    /// <summary>The effect is already there: the step succeeds without acting.</summary>
    Done,

    /// <summary>What is there cannot be explained by this step: a person must look.</summary>
    Undecided,
}
