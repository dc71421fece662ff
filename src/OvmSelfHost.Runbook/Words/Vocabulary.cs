namespace OvmSelfHost.Runbook.Words;

/// <summary>
/// One list of allowed words and what each means. A word from outside is taken only when it is,
/// letter for letter (case aside), one of the list: no trimming, no numbers, no comma lists (which
/// the framework enum parser would combine as flags), no prefixes.
/// </summary>
/// <typeparam name="T">What a word stands for: an enum value, or the canonical spelling of a name.</typeparam>
public sealed class Vocabulary<T>
    where T : notnull
{
    private readonly Dictionary<string, T> meanings;

    /// <param name="what">What the words name, for refusals: "decision", "action", "gate".</param>
    /// <param name="words">Each allowed word with its meaning, in the order refusals list them.</param>
    public Vocabulary(string what, IEnumerable<KeyValuePair<string, T>> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        What = what;
        meanings = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var (word, meaning) in words)
        {
            if (word.Length == 0 || word.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) || !meanings.TryAdd(word, meaning))
            {
                throw new ArgumentException($"'{word}' cannot be a {what}: words are unique and made of letters, digits, '-' and '_'.", nameof(words));
            }

            order.Add(word);
        }

        Words = order;
    }

    public string What { get; }

    /// <summary>The allowed words, as they are written.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The words for a message: "approve or reject", "pause, resume, retry, abort or rollback".</summary>
    public string Listed => Words.Count switch
    {
        0 => "(none)",
        1 => Words[0],
        _ => $"{string.Join(", ", Words.Take(Words.Count - 1))} or {Words[^1]}",
    };

    public bool TryParse(string? text, out T meaning)
    {
        if (text is not null && meanings.TryGetValue(text, out var found))
        {
            meaning = found;
            return true;
        }

        meaning = default!;
        return false;
    }

    /// <summary>The word written for <paramref name="meaning"/> (its first, when several mean the same).</summary>
    public string WordFor(T meaning) =>
        Words.FirstOrDefault(w => EqualityComparer<T>.Default.Equals(meanings[w], meaning))
        ?? throw new ArgumentOutOfRangeException(nameof(meaning), meaning, $"No {What} means this.");

    /// <summary>What to answer when <paramref name="text"/> is not one of the words.</summary>
    public string Refusal(string? text) =>
        text is null ? $"A {What} is required: use {Listed}." : $"Unknown {What} '{Shown(text)}': use {Listed}.";

    /// <summary>The refused text as a person can read it back: bounded, control characters made visible.</summary>
    private static string Shown(string text)
    {
        var visible = new string(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 40 ? $"{visible}…" : visible;
    }
}
