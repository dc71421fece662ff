namespace OvmSelfHost.Chat.Slack.SocketMode;

/// <summary>Slack refused to open a Socket Mode connection, or answered without a URL.</summary>
public sealed class SlackSocketModeException(string message) : Exception(message);
