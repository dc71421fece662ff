using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// Tells the other replicas of a saved change from inside the save: a PostgreSQL NOTIFY goes out at the commit,
/// and never for a write that was rolled back, at no round trip of its own.
/// </summary>
internal interface IChangeAnnouncer
{
    /// <summary>The NOTIFY (channel, payload) for <paramref name="run"/> saved at <paramref name="version"/>; null when nobody else listens (SQLite).</summary>
    (string Channel, string Payload)? Announcement(MigrationRun run, long version, string what);
}
