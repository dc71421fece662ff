using System.Text.Json;
using OvmSelfHost.Chat.Teams.Activities;

namespace OvmSelfHost.Chat.Teams.Conversations;

/// <summary>
/// Where the bot can write: a conversation at a serviceUrl, with its tenant and, for a team, the
/// channel to open new threads in. Stored as JSON in the message store's conversation column.
/// </summary>
public sealed record TeamsConversationRef(string ServiceUrl, string ConversationId, string? TenantId, string? ConversationType, string? TeamChannelId)
{
    public bool IsChannel => ConversationType == "channel" && TeamChannelId is not null;

    public static TeamsConversationRef? From(TeamsActivity activity)
    {
        if (activity.ServiceUrl is not { Length: > 0 } url || activity.Conversation?.Id is not { Length: > 0 } id)
        {
            return null;
        }

        var channelData = activity.ChannelData as System.Text.Json.Nodes.JsonObject;
        var tenant = channelData?["tenant"]?["id"]?.GetValue<string>() ?? activity.Conversation.TenantId;
        var channel = channelData?["channel"]?["id"]?.GetValue<string>();
        return new TeamsConversationRef(url, id, tenant, activity.Conversation.ConversationType, channel);
    }

    public string ToJson() => JsonSerializer.Serialize(this, TeamsJson.Options);

    public static TeamsConversationRef? TryParse(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TeamsConversationRef>(json, TeamsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
