using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OvmSelfHost.Chat.Teams.Activities;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>The HTTP 200 bodies of an <c>adaptiveCard/action</c> invoke: a card for the clicker, a message, or an error.</summary>
internal static class TeamsInvokeResponse
{
    public static IResult Card(JsonObject card) => Json(200, TeamsAttachment.AdaptiveCardType, card);

    public static IResult Message(string text) => Json(200, "application/vnd.microsoft.activity.message", JsonValue.Create(text));

    public static IResult Error(string code, string message) =>
        Json(400, "application/vnd.microsoft.error", new JsonObject { ["code"] = code, ["message"] = message });

    private static IResult Json(int status, string type, JsonNode? value) =>
        Results.Json(new JsonObject { ["statusCode"] = status, ["type"] = type, ["value"] = value }, TeamsJson.Options);
}
