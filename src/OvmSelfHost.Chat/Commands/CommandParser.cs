using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Chat.Commands;

/// <summary>Reads "/ovm verb args…" (the "/ovm" is optional, as after a Teams @mention).</summary>
public static class CommandParser
{
    public static IReadOnlyList<string> Verbs { get; } =
        ["help", "envs", "plan", "check", "start", "status", "approve", "reject", "pause", "resume", "retry", "abort", "rollback", "windows", "why", "audit"];

    private static readonly Vocabulary<string> Commands = Vocabularies.Of("command", Verbs);

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

        return Commands.TryParse(words[0], out var verb)
            ? (new ChatCommand(verb, words.Skip(1).ToList()), null)
            : (null, $"{Commands.Refusal(words[0])} Try /ovm help.");
    }
}
