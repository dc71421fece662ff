using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Inferred;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>A synchronous WS-API error: <c>{"errorCode","message":"CODE:text","cause":null}</c>.</summary>
internal sealed class WsException(string code, string text) : Exception($"{code}:{text}")
{
    public string Code => code;
    public int Status => InferredChoices.HttpStatusFor(code);

    public JsonObject Body() => new() { ["errorCode"] = code, ["message"] = Message, ["cause"] = null };

    public static WsException NotFound(string type, string id) => new("GEN_000002", $"Object not found: {type} with id {id}");

    public static WsException Locked(string type, string name) =>
        new("GEN_000029", $"Object {name} of type {type} could not be modified as it was locked when it was fetched");
}
