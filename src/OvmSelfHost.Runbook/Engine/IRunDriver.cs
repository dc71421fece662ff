namespace OvmSelfHost.Runbook.Engine;

/// <summary>Asks for a run to be advanced in the background, after a change that may let it move on.</summary>
public interface IRunDriver
{
    void Kick(Guid migrationId);
}
