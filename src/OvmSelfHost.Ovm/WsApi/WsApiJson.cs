using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>JSON as the WS-API speaks it: camelCase, nulls left out of request bodies, enums as strings.</summary>
internal static class WsApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static RefitSettings Settings() => new(new SystemTextJsonContentSerializer(Options));
}
