namespace OvmSelfHost.Ovm.Ssh;

/// <summary>Keeps the last lines of a command's output, for the result and for error messages.</summary>
internal sealed class OutputTail(int capacity = 20)
{
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        if (_lines.Count == capacity)
        {
            _lines.Dequeue();
        }

        _lines.Enqueue(line);
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public static IReadOnlyList<string> Of(string text, int capacity = 20)
    {
        var tail = new OutputTail(capacity);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            tail.Add(line.TrimEnd('\r'));
        }

        return tail.Lines;
    }
}
