using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvmSelfHost.Simulator.Persistence;

/// <summary>
/// The saved world: a header, then every change in the order it was made, one JSON line each,
/// flushed as it is written so a process killed at any moment loses at most the change it was making.
/// </summary>
internal sealed class WorldJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string path;
    private StreamWriter writer;

    private WorldJournal(string path, StreamWriter writer)
    {
        this.path = path;
        this.writer = writer;
    }

    public string Path => path;

    /// <summary>Reads a saved world: its header and changes, or null when there is none (or it cannot be read).</summary>
    public static (JournalHeader Header, List<JournalEntry> Entries)? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || Deserialize<JournalHeader>(lines[0]) is not { Version: JournalHeader.CurrentVersion } header)
        {
            return null;
        }

        // A line cut short by a kill is the change that was being made when the process died: it never happened.
        var entries = lines.Skip(1).Select(Deserialize<JournalEntry>).OfType<JournalEntry>().ToList();
        return (header, entries);
    }

    /// <summary>Continues the journal at <paramref name="path"/> (after a replay), or starts it anew with <paramref name="header"/>.</summary>
    public static WorldJournal Open(string path, JournalHeader header, bool append)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var writer = new StreamWriter(path, append) { AutoFlush = true };
        var journal = new WorldJournal(path, writer);
        if (!append)
        {
            journal.WriteLine(header);
        }

        return journal;
    }

    public void Write(JournalEntry entry) => WriteLine(entry);

    /// <summary>A new world (a scenario was loaded): the old changes no longer apply.</summary>
    public void Restart(JournalHeader header)
    {
        writer.Dispose();
        writer = new StreamWriter(path, append: false) { AutoFlush = true };
        WriteLine(header);
    }

    private void WriteLine<T>(T value) => writer.WriteLine(JsonSerializer.Serialize(value, Json));

    private static T? Deserialize<T>(string line) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => writer.Dispose();
}
