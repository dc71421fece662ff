using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Tests.Hostile;

/// <summary>
/// Generates hostile requests for every endpoint the host maps: words a tired or malicious person
/// might send (comma lists, blanks, numbers for names, near misses), bodies no client should send
/// (non-object JSON, huge, deep, invalid UTF-8, duplicate keys), wrong content types, unknown and
/// short ids. Every generated request is one that must change nothing: a request that the host
/// should carry out (a valid vote or action on the running migration) is never generated.
/// </summary>
internal sealed class HostilePayloads(Random random, Guid runId, string openProposalKey)
{
    private static readonly string[] Users = ["alice", "bob", "carol", "BOB", " bob", "bob ", "mallory", "", "bob,carol", "1", "null", "b\u0000ob", "Bob\u200b"];
    private static readonly string[] SlackUsers = ["U0ALICE01", "U0BOB0001", "U0CAROL01", "U0MALLORY", "", "u0bob0001", "U0BOB0001,U0CAROL01", "1"];
    private static readonly string[] ContentTypes =
        ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""];

    private readonly string[] ids = [runId.ToString(), runId.ToString("N"), Guid.NewGuid().ToString(), Guid.Empty.ToString(), "1", "abc", "-1", "%2500", "..%2f..", new string('f', 300), runId.ToString()[..3], "zzzz"];

    /// <summary>Every defined word, each turned into what it must not be taken for.</summary>
    private static IEnumerable<string> NearMisses(IEnumerable<string> words)
    {
        var list = words.ToList();
        foreach (var word in list)
        {
            yield return $" {word} ";
            yield return $"{word} ";
            yield return $"\t{word}";
            yield return $"{word}\n";
            yield return $"{word},";
            yield return $"{word}s";
            yield return word[..^1];
            yield return $"{word}\u00a0";
            yield return $"{word}\u200b";
        }

        for (var i = 0; i + 1 < list.Count; i++)
        {
            yield return $"{list[i]}, {list[i + 1]}";
            yield return $"{list[i]},{list[i + 1]}";
            yield return $"{Capital(list[i])}, {Capital(list[i + 1])}";
            yield return $"{list[i]}|{list[i + 1]}";
        }

        foreach (var n in new[] { "0", "1", "2", "3", "4", "5", "-1", "99", "1e3", "0x1", "07" })
        {
            yield return n;
        }

        yield return "";
        yield return " ";
        yield return "null";
    }

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static readonly string[] BadDecisions = NearMisses(Vocabularies.Decisions.Words).ToArray();
    private static readonly string[] BadActions = NearMisses(Vocabularies.Actions.Words).ToArray();
    private static readonly string[] BadVerbs = NearMisses(CommandParser.Verbs).ToArray();
    private static readonly string[] BadGates = NearMisses(Vocabularies.Gates.Words).Concat(Vocabularies.Gates.Words.Select(g => g.ToLowerInvariant())).ToArray();

    /// <summary>Bodies no client should send, whatever the endpoint.</summary>
    private static readonly byte[][] GenericBodies = BuildGenericBodies();

    private static byte[][] BuildGenericBodies()
    {
        var texts = new List<string>
        {
            "", "null", "[]", "1", "-0", "1e999", "true", "\"text\"", "{", "}", "[1,", "{\"user\":", "{}", "{\"\":\"\"}",
            "[{\"user\":\"bob\",\"action\":\"pause\"}]", "{\"user\":1,\"action\":2,\"decision\":3}", "{\"user\":[\"bob\"],\"decision\":{\"a\":1}}",
            "{\"user\":\"bob\",\"user\":\"carol\",\"decision\":\"maybe\"}", "{\"environments\":\"A,B\",\"requestedBy\":\"alice\"}",
            "{\"environments\":[null,null],\"requestedBy\":null}", "{\"type\":null}", "{\"type\":[]}", "{\"type\":\"message\"}", "{\"type\":\"invoke\",\"value\":[]}",
            "payload=null", "payload=%5B%5D", "payload=1", "payload=%7B", "payload=", "user_id=&text=", "a=%ZZ&b=%", "=&=&&==",
            "\uFEFF{}", "{\"a\":\"\\ud800\"}", "{\"a\":1}//", "/*x*/{}", "{'user':'bob'}", "<xml/>",
            new string('[', 5000) + new string(']', 5000),
            string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000),
            "{\"user\":\"" + new string('b', 200_000) + "\"}",
        };
        var bodies = texts.Select(t => Encoding.UTF8.GetBytes(t)).ToList();
        bodies.Add([0xFF, 0xFE, 0x00, 0x7B, 0x7D]);
        bodies.Add([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);
        bodies.Add(Encoding.UTF8.GetBytes("{\"user\":\"bob\",\"text\":\"" + new string('x', 1_100_000) + "\"}"));
        return bodies.ToArray();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Id() => Pick(ids);

    /// <summary>Proposal keys that are never the one open gate: other rounds, phases, gates, ids, shapes.</summary>
    private string Key()
    {
        var parts = openProposalKey.Split('.');
        return random.Next(10) switch
        {
            0 => $"{parts[0]}.{parts[1]}.{parts[2]}.{int.Parse(parts[3]) + 1 + random.Next(3)}",
            1 => $"{parts[0]}.2.{parts[2]}.{parts[3]}",
            2 => $"{parts[0]}.{parts[1]}.{Pick(BadGates).Replace(".", "", StringComparison.Ordinal)}.{parts[3]}",
            3 => $"{Guid.NewGuid():N}.{parts[1]}.{parts[2]}.{parts[3]}",
            4 => $"{parts[0]}.{parts[1]}.{parts[2]}",
            5 => $"{parts[0]}.-1.{parts[2]}.{parts[3]}",
            6 => $"{parts[0]}.{parts[1]}.{parts[2].ToLowerInvariant()}.{parts[3]}",
            7 => $"{parts[0]}.{parts[1]}.{parts[2]}.{parts[3]}.x",
            8 => $"{parts[0]}.{parts[1]}.{parts[2]}.99999999999",
            _ => Pick(["", ".", "...", "x", "1.1.1.1", openProposalKey + " ", " " + openProposalKey, openProposalKey.ToUpperInvariant()]),
        };
    }

    /// <summary>Command texts; one that would really act on the running migration is regenerated.</summary>
    public string Command()
    {
        while (true)
        {
            var verb = random.Next(3) == 0 ? Pick(CommandParser.Verbs) : Pick(BadVerbs);
            var words = new List<string> { random.Next(4) == 0 ? "/ovm" : "", verb };
            var args = random.Next(5);
            for (var i = 0; i < args; i++)
            {
                words.Add(random.Next(4) switch
                {
                    0 => Id(),
                    1 => Pick(BadGates),
                    2 => Pick(["A", "B", "a", "A,B", "now", "window", "saturday-night", "SATURDAY-NIGHT", " saturday-night", "1", ""]),
                    _ => Pick(BadDecisions),
                });
            }

            var text = string.Join(random.Next(3) == 0 ? "  " : " ", words.Where(w => w.Length > 0 || random.Next(2) == 0));
            if (!ActsOnTheRun(text))
            {
                return text;
            }
        }
    }

    /// <summary>A vote or action that the running migration would accept: never generated.</summary>
    private bool ActsOnTheRun(string text)
    {
        var (command, _) = CommandParser.Parse(text);
        if (command is null || command.Verb is not ("approve" or "reject" or "pause" or "resume" or "retry" or "abort" or "rollback") || command.Arguments.Count == 0)
        {
            return false;
        }

        var target = command.Arguments[0];
        if (Guid.TryParse(target, out var id))
        {
            return id == runId;
        }

        var prefix = target.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return prefix.Length >= 4 && runId.ToString("N").StartsWith(prefix, StringComparison.Ordinal);
    }

    private JsonNode? Word(string[] bad, IReadOnlyList<string> good, bool goodAllowed) =>
        random.Next(8) switch
        {
            0 => JsonValue.Create(random.Next(-5, 10)),
            1 => null,
            2 => new JsonArray(JsonValue.Create(Pick(good))),
            3 when goodAllowed => JsonValue.Create(Pick(good)),
            _ => JsonValue.Create(Pick(bad)),
        };

    private JsonNode? User() => random.Next(10) == 0 ? JsonValue.Create(7) : JsonValue.Create(Pick(Users));

    /// <summary>Requests for one endpoint: generic hostile bodies, and bodies shaped for what it reads.</summary>
    public HostilePayload Next(RouteEndpoint endpoint, string method)
    {
        var pattern = endpoint.RoutePattern.RawText ?? "/";
        var path = Path(endpoint);
        if (method == "GET")
        {
            return new HostilePayload(pattern, method, path + Query(), null, [], "read");
        }

        if (random.Next(4) == 0)
        {
            return new HostilePayload(pattern, method, path, Pick(ContentTypes), Pick(GenericBodies), "generic");
        }

        var shaped = Shaped(pattern, path);
        return shaped ?? new HostilePayload(pattern, method, path, Pick(ContentTypes), Pick(GenericBodies), "generic");
    }

    private string Path(RouteEndpoint endpoint)
    {
        var text = endpoint.RoutePattern.RawText ?? "/";
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var value = parameter.Name switch
            {
                "id" => random.Next(3) == 0 ? runId.ToString() : Id(),
                "key" => Uri.EscapeDataString(Key()),
                _ => Uri.EscapeDataString(Pick(BadVerbs)),
            };
            text = System.Text.RegularExpressions.Regex.Replace(text, "\\{" + parameter.Name + "[^}]*\\}", value);
        }

        return text.StartsWith('/') ? text : "/" + text;
    }

    private string Query() => random.Next(3) switch
    {
        0 => "",
        1 => "?count=" + Uri.EscapeDataString(Pick(["abc", "-1", "0", "99999999999", "1,2", "", " 3", "1e3", "NaN"])),
        _ => "?" + Uri.EscapeDataString(Pick(BadVerbs)) + "=" + Uri.EscapeDataString(Pick(BadDecisions)),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private HostilePayload? Shaped(string pattern, string path)
    {
        string P(string kind, JsonNode body) => body.ToJsonString();
        HostilePayload Json(string kind, JsonNode body) =>
            new(pattern, "POST", path, random.Next(6) == 0 ? Pick(ContentTypes) : "application/json", Utf8(P(kind, body)), kind);
        HostilePayload Form(string kind, params (string Name, string Value)[] fields) =>
            new(pattern, "POST", path, random.Next(6) == 0 ? Pick(ContentTypes) : "application/x-www-form-urlencoded",
                Utf8(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"))), kind);
        var realRun = path.Contains(runId.ToString(), StringComparison.OrdinalIgnoreCase);

        return pattern switch
        {
            "/api/migrations/" or "/api/migrations" => Json("start", new JsonObject
            {
                ["environments"] = random.Next(6) == 0 ? JsonValue.Create("A B") : new JsonArray(Enumerable.Range(0, random.Next(4))
                    .Select(_ => (JsonNode?)JsonValue.Create(Pick(["A", "B", "a", " B", "A,B", "C", "", "1"]))).ToArray()),
                ["requestedBy"] = User(),
                ["window"] = Pick<JsonNode?>([null, "saturday-night", "SATURDAY-NIGHT", " saturday-night", "saturday-night,x", "1", "", "now"]),
            }),
            _ when pattern.EndsWith("/decisions", StringComparison.Ordinal) => Json("decision", new JsonObject
            {
                ["user"] = User(),
                ["decision"] = Word(BadDecisions, Vocabularies.Decisions.Words, goodAllowed: !realRun),
                ["reason"] = Pick<JsonNode?>([null, "", "because", new string('r', 5000), "1"]),
                ["gate"] = Pick<JsonNode?>([null, "CreateManagerVm", .. BadGates.Take(5)]),
            }),
            _ when pattern.EndsWith("/actions", StringComparison.Ordinal) => Json("action", new JsonObject
            {
                ["user"] = User(),
                ["action"] = Word(BadActions, Vocabularies.Actions.Words, goodAllowed: !realRun),
            }),
            _ when pattern.EndsWith("/votes", StringComparison.Ordinal) => Json("vote", new JsonObject
            {
                ["user"] = User(),
                ["decision"] = Word(BadDecisions, Vocabularies.Decisions.Words, goodAllowed: true),
                ["reason"] = Pick<JsonNode?>([null, "", "x"]),
            }),
            "/api/commands" => Json("command", new JsonObject { ["user"] = User(), ["text"] = random.Next(10) == 0 ? JsonValue.Create(3) : Command() }),
            "/slack/commands" => Form("slack-command",
                ("user_id", Pick(SlackUsers)), ("text", Command()), ("response_url", Pick(["https://example.invalid/x", "not a url", "", "http://127.0.0.1:1/r"])),
                ("command", Pick(["/ovm", "/OVM", ""]))),
            "/slack/interactions" => Form("slack-click", ("payload", Click())),
            "/slack/events" => Json("slack-event", Event()),
            "/api/messages" => Json("teams-activity", Activity()),
            _ => null,
        };
    }

    private string Click()
    {
        if (random.Next(5) == 0)
        {
            return Pick(["null", "[]", "1", "\"x\"", "{", "{}", "{\"type\":\"block_actions\"}", "{\"type\":\"block_actions\",\"user\":\"U0BOB0001\"}"]);
        }

        var payload = new JsonObject
        {
            ["type"] = Pick<JsonNode?>(["block_actions", "block_actions", "view_submission", "BLOCK_ACTIONS", null, 1]),
            ["user"] = random.Next(6) == 0 ? JsonValue.Create("U0BOB0001") : new JsonObject { ["id"] = Pick(SlackUsers) },
            ["channel"] = random.Next(4) == 0 ? new JsonArray() : new JsonObject { ["id"] = "C0OVM0001" },
            ["response_url"] = Pick<JsonNode?>([null, "https://example.invalid/r", "nope", 5]),
            ["actions"] = random.Next(6) == 0 ? JsonValue.Create("gate.approve") : new JsonArray(new JsonObject
            {
                ["action_id"] = Pick<JsonNode?>(["gate.approve", "gate.reject", "gate.approve ", "GATE.APPROVE", "gate.approve,gate.reject", null, 0]),
                ["value"] = Key(),
            }),
        };
        return payload.ToJsonString();
    }

    private JsonNode Event()
    {
        if (random.Next(5) == 0)
        {
            return random.Next(2) == 0 ? new JsonArray(1, 2) : new JsonObject { ["type"] = new JsonArray() };
        }

        return new JsonObject
        {
            ["type"] = Pick<JsonNode?>(["event_callback", "event_callback", "url_verification", "EVENT_CALLBACK", null]),
            ["challenge"] = Pick<JsonNode?>(["c", null, 3, new JsonObject()]),
            ["event_id"] = random.Next(5) == 0 ? JsonValue.Create(12) : JsonValue.Create($"Ev{random.Next():X}"),
            ["event"] = random.Next(6) == 0 ? JsonValue.Create("app_mention") : new JsonObject
            {
                ["type"] = Pick(["app_mention", "message", "APP_MENTION"]),
                ["user"] = Pick<JsonNode?>([Pick(SlackUsers), null, 1]),
                ["channel"] = Pick<JsonNode?>(["C0OVM0001", null, new JsonArray()]),
                ["ts"] = Pick<JsonNode?>(["1.2", null, 1.2]),
                ["text"] = Pick<JsonNode?>([$"<@U0OVMBOT> {Command()}", Command(), null, 5]),
            },
        };
    }

    /// <summary>Bot Framework activities (the test adds a valid token); the serviceUrl is filled in by the caller.</summary>
    private JsonNode Activity()
    {
        var type = Pick<JsonNode?>(["message", "message", "invoke", "invoke", "conversationUpdate", "MESSAGE", "", null, 4]);
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"h:{random.Next()}",
            ["channelId"] = Pick(["msteams", "msteams", "skype", ""]),
            ["serviceUrl"] = "{serviceUrl}",
            ["from"] = random.Next(8) == 0 ? JsonValue.Create("x") : new JsonObject
            {
                ["id"] = "29:x",
                ["aadObjectId"] = Pick<JsonNode?>(["a11ce000-0000-4000-8000-000000000001", "b0b00000-0000-4000-8000-000000000002", "3a110000-0000-4000-8000-00000000dead", null, 1, ""]),
            },
            ["conversation"] = random.Next(8) == 0 ? new JsonArray() : new JsonObject { ["id"] = "19:ovm-migrations@thread.tacv2", ["conversationType"] = "channel" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["text"] = random.Next(6) == 0 ? JsonValue.Create(7) : JsonValue.Create($"<at>OvmSelfHost</at> {Command()}"),
        };
        if (type?.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "invoke")
        {
            activity["name"] = Pick(["adaptiveCard/action", "adaptiveCard/action", "composeExtension/query", ""]);
            activity["value"] = random.Next(6) == 0 ? JsonValue.Create("x") : new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = Pick(["Action.Execute", "Action.Submit", ""]),
                    ["verb"] = Pick<JsonNode?>(["gate.approve", "gate.reject", "gate.approve.confirm", "run.refresh", "gate.approve ", "GATE.APPROVE", null, 3]),
                    ["data"] = random.Next(6) == 0 ? JsonValue.Create(1) : new JsonObject
                    {
                        ["proposal"] = Pick<JsonNode?>([Key(), Key(), null, 5]),
                        ["migration"] = Pick<JsonNode?>([runId.ToString("N"), Id(), null]),
                    },
                },
            };
        }

        return activity;
    }
}
