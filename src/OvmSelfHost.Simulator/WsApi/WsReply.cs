using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>What a WS-API call answers: a status and a JSON body (null: empty body).</summary>
internal sealed record WsReply(int Status, JsonNode? Body);
