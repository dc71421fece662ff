using System.Text.Json;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Web;

/// <summary>A console vote's answer as its delivery claim keeps it, so a resent vote gets the same answer.</summary>
internal sealed record StoredOutcome(OutcomeKind Kind, string Message)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StoredOutcome? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StoredOutcome>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
