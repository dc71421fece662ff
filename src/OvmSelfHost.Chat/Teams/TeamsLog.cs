using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Teams;

/// <summary>Teams' start-up lines. Secrets are never part of a message.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(EventId = 4502, Level = LogLevel.Information, Message = "Chat channels: Teams on (bot {AppId}; endpoint POST /api/messages; keys from {MetadataUrl}).")]
    public static partial void TeamsOn(ILogger logger, string appId, string metadataUrl);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information, Message = "Chat channels: Teams off (set Teams__AppId and Teams__AppPassword to turn it on).")]
    public static partial void TeamsOff(ILogger logger);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "Chat channels: Teams in LOCAL MODE (development only): POST /api/messages accepts activities without a token from loopback, for the Microsoft 365 Agents Playground; replies go to its loopback serviceUrl.")]
    public static partial void TeamsLocalMode(ILogger logger);
}
