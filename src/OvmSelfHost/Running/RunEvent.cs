namespace OvmSelfHost.Running;

/// <summary>Something a watcher (the web console, a chat channel) may want to show.</summary>
/// <param name="Kind">"changed" or "output".</param>
/// <param name="Version">The run's saved version on "changed": a console that already shows it fetches nothing.</param>
public sealed record RunEvent(Guid MigrationId, string Kind, string Text, string? State, int Phase, string Step, long Version = 0);
