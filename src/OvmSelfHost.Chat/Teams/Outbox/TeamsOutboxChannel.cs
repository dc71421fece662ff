using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Teams.Outbox;

/// <summary>
/// Teams in the outbox: every change rewrites the migration's one card; installer output is not
/// shown there (it would rewrite the card for every line).
/// </summary>
public sealed class TeamsOutboxChannel : IOutboxChannel
{
    public string Name => TeamsChannel.Name;

    public bool Shows(RunNotice notice) => notice.Kind == RunNoticeKind.Changed;

    public string? Line(MigrationRun run, RunNotice notice) => null;
}
