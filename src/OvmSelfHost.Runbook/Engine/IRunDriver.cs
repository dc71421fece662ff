namespace OvmSelfHost.Runbook.Engine;

/// <summary>Asks for a run to be advanced in the background, after a change that may let it move on.</summary>
public interface IRunDriver
{
    /// <summary>Something may let the run move (a window edge): advance it here, or wake its executor wherever it is.</summary>
    void Kick(Guid migrationId);

    /// <summary>
    /// A change of the run was saved here: advance it here when this replica executes it or nobody does. An executor
    /// elsewhere needs no word from here: the save itself told the other replicas, at its commit.
    /// </summary>
    void Saved(Guid migrationId) => Kick(migrationId);
}
