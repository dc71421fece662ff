using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OvmSelfHost.Chat.Teams.Activities;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>The HTTP 200 bodies of an <c>adaptiveCard/action</c> invoke: a card for the clicker, a message, or an error.</summary>
internal static class TeamsInvokeResponse
{
    public static IResult Card(JsonObject card) => Send(CardBody(card));

    public static IResult Message(string text) => Send(MessageBody(text));

    public static IResult Error(string code, string message) => Send(ErrorBody(code, message));

    public static JsonObject CardBody(JsonObject card) => Body(200, TeamsAttachment.AdaptiveCardType, card);

    public static JsonObject MessageBody(string text) => Body(200, "application/vnd.microsoft.activity.message", JsonValue.Create(text));

    public static JsonObject ErrorBody(string code, string message) =>
        Body(400, "application/vnd.microsoft.error", new JsonObject { ["code"] = code, ["message"] = message });

    public static IResult Send(JsonObject body) => Results.Json(body, TeamsJson.Options);

    private static JsonObject Body(int status, string type, JsonNode? value) =>
        new() { ["statusCode"] = status, ["type"] = type, ["value"] = value };
}
