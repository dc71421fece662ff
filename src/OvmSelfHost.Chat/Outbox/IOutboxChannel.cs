using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Outbox;

/// <summary>
/// A chat channel enabled at start-up, as the outbox writer sees it: which of the engine's notices
/// it shows, and as what line. Pure: it runs inside the store's transaction.
/// </summary>
public interface IOutboxChannel
{
    string Name { get; }

    /// <returns>False when the channel shows nothing for this notice (no row is written).</returns>
    bool Shows(RunNotice notice);

    /// <summary>The line for the migration's thread, rendered now (the run moves on); null for a refresh only.</summary>
    string? Line(MigrationRun run, RunNotice notice);
}
