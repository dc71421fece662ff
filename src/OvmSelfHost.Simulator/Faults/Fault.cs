using System.Text.RegularExpressions;

namespace OvmSelfHost.Simulator.Faults;

/// <summary>An injected fault: which calls it matches (manager, method, path regex, operation) and what it does.</summary>
internal sealed class Fault
{
    public required string Id { get; init; }
    public required FaultKind Kind { get; init; }
    public string? Manager { get; init; }
    public string? Method { get; init; }
    public string? Path { get; init; }
    public string? Operation { get; init; }
    public int? Remaining { get; set; }
    public double DelaySeconds { get; init; } = 130;
    public string? Message { get; init; }
    public string? ErrorCode { get; init; }
    public string? ObjectId { get; init; }
    public bool Active { get; set; } = true;

    public bool Matches(string manager, string method, string path, string? operation) =>
        Active && Remaining is null or > 0
        && (Manager is null || string.Equals(Manager, manager, StringComparison.OrdinalIgnoreCase))
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Path is null || Regex.IsMatch(path, Path, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)))
        && (Operation is null || string.Equals(Operation, operation, StringComparison.OrdinalIgnoreCase));

    public void Consume()
    {
        if (Remaining is not null)
        {
            Remaining--;
        }
    }
}
