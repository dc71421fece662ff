using System.Text.Json.Nodes;

namespace OvmSelfHost.TestIdentityProvider.Teams;

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> change)
    {
        change(value);
        return value;
    }
}
