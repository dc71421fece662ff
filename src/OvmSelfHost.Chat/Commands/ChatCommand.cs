namespace OvmSelfHost.Chat.Commands;

/// <summary>A parsed command of the language every channel shares: a verb and its words.</summary>
public sealed record ChatCommand(string Verb, IReadOnlyList<string> Arguments)
{
    /// <summary>The words after the first <paramref name="skip"/> arguments, joined: a free-text reason.</summary>
    public string? RestAfter(int skip) => Arguments.Count > skip ? string.Join(' ', Arguments.Skip(skip)) : null;
}
