using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Teams;

/// <summary>Reading cards as a person would: the Action.Execute buttons and the gate they are for.</summary>
internal static class TeamsCards
{
    public static IEnumerable<JsonObject> Buttons(this JsonObject card) =>
        Descendants(card).Where(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["title"] is not null);

    /// <summary>The gate opening a button is for; by default the Approve button, which on a dangerous gate first asks to confirm.</summary>
    public static string? Proposal(this JsonObject card, string verb = "gate.approve") =>
        card.Buttons().FirstOrDefault(b => b["verb"]!.GetValue<string>() is var v && (v == verb || v == verb + ".confirm"))?["data"]?["proposal"]?.GetValue<string>();

    /// <summary>The card in an invoke's answer.</summary>
    public static JsonObject CardOf(this JsonObject answer)
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]?.GetValue<string>());
        return answer["value"]!.AsObject();
    }

    public static JsonObject Data(string name, string value) => new() { [name] = value };

    private static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, child) in o)
                {
                    foreach (var d in Descendants(child))
                    {
                        yield return d;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var d in Descendants(child))
                    {
                        yield return d;
                    }
                }

                break;
        }
    }
}
