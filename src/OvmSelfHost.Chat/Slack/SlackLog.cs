using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Slack;

/// <summary>Slack's start-up lines. Secrets are never part of a message.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Chat channels: web API on; Slack on (posting to {Channel} through {ApiBaseUrl}; {WaysIn}).")]
    public static partial void SlackOn(ILogger logger, string channel, string apiBaseUrl, string waysIn);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Chat channels: web API on; Slack off (set Slack__BotToken and Slack__AppToken for Socket Mode, or Slack__SigningSecret for HTTP endpoints, to turn it on).")]
    public static partial void SlackOff(ILogger logger);
}
