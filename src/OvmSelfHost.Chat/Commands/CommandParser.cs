namespace OvmSelfHost.Chat.Commands;

/// <summary>Reads "/ovm verb args…" (the "/ovm" is optional, as after a Teams @mention).</summary>
public static class CommandParser
{
    public static IReadOnlyList<string> Verbs { get; } =
        ["help", "envs", "plan", "start", "status", "approve", "reject", "pause", "resume", "retry", "abort", "rollback", "windows", "why", "audit"];

    /// <returns>The command, or null with a reply saying what was wrong.</returns>
    public static (ChatCommand? Command, string? Error) Parse(string? text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[0].TrimStart('/').Equals("ovm", StringComparison.OrdinalIgnoreCase))
        {
            words.RemoveAt(0);
        }

        if (words.Count == 0)
        {
            return (new ChatCommand("help", []), null);
        }

        var verb = words[0].ToLowerInvariant();
        return Verbs.Contains(verb)
            ? (new ChatCommand(verb, words.Skip(1).ToList()), null)
            : (null, $"Unknown command '{words[0]}'. Commands: {string.Join(", ", Verbs)}. Try /ovm help.");
    }
}
