namespace OvmSelfHost.Chat.Slack.Publishing;

/// <summary>A migration changed: refresh its messages, and add <see cref="ThreadLine"/> (if any) to its thread.</summary>
public sealed record SlackRunUpdate(Guid MigrationId, string? ThreadLine);
