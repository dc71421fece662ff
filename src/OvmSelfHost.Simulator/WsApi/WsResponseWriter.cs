using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Inferred;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Writes a reply as JSON or, when the client accepts only XML, as XML.</summary>
internal static class WsResponseWriter
{
    public static async Task WriteAsync(HttpContext ctx, WsReply reply)
    {
        ctx.Response.StatusCode = reply.Status;
        if (reply.Status == 401)
        {
            ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"OVM\"";
        }
        if (reply.Body is null)
        {
            return;
        }
        var accept = ctx.Request.Headers.Accept.ToString();
        if (WantsXml(accept))
        {
            ctx.Response.ContentType = "application/xml";
            await ctx.Response.WriteAsync(ToXml("result", reply.Body).ToString(SaveOptions.DisableFormatting));
            return;
        }
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(reply.Body.ToJsonString());
    }

    public static bool Acceptable(string accept) =>
        accept.Length == 0 || accept.Contains("json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal)
        || accept.Contains("application/*", StringComparison.OrdinalIgnoreCase) || WantsXml(accept);

    private static bool WantsXml(string accept) =>
        accept.Length == 0
            ? !InferredChoices.JsonWhenNoAccept
            : accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static XElement ToXml(string name, JsonNode? node) => node switch
    {
        JsonObject o => new XElement(name, o.Select(p => ToXml(p.Key, p.Value))),
        JsonArray a => new XElement(name, a.Select(item => ToXml("item", item))),
        null => new XElement(name),
        _ => new XElement(name, node.ToString()),
    };
}
