using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Storage;

/// <summary>
/// Reads an enum the database stores by name, with the same strict words as outside input: a
/// number or a comma list in a row is corruption, and says so instead of becoming another value.
/// </summary>
internal static class StoredName
{
    public static T Parse<T>(string stored)
        where T : struct, Enum =>
        Names<T>.All.TryParse(stored, out var value)
            ? value
            : throw new InvalidOperationException($"The database holds '{stored}' where a {typeof(T).Name} belongs ({Names<T>.All.Listed}).");

    /// <summary>A gate name as stored (the plain name, as before gates were typed).</summary>
    public static GateKey Gate(string stored) =>
        GateKey.TryParse(stored, out var gate)
            ? gate
            : throw new InvalidOperationException($"The database holds '{stored}' where a gate belongs ({Vocabularies.Gates.Listed}).");

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly Vocabulary<T> All = Vocabularies.OfEnum<T>(typeof(T).Name);
    }
}
