namespace OvmSelfHost.Simulator.Hosts;

/// <summary>One run of <c>runInstaller.sh</c>: its planned output lines revealed over its duration.</summary>
internal sealed class InstallRun
{
    public required string Id { get; init; }
    public required string HostName { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyList<string> PlannedLines { get; init; }
    public string? Uuid { get; init; }
    public string State { get; set; } = "running";
    public int? ExitCode { get; set; }
    public List<string> TrailingLines { get; } = [];

    public bool IsDue(DateTimeOffset now) => State == "running" && now >= StartedAt + Duration;

    public IReadOnlyList<string> VisibleLines(DateTimeOffset now)
    {
        if (State != "running")
        {
            return [.. PlannedLines, .. TrailingLines];
        }
        var fraction = Duration <= TimeSpan.Zero ? 1 : Math.Clamp((now - StartedAt) / Duration, 0, 1);
        return PlannedLines.Take(Math.Max(1, (int)(PlannedLines.Count * fraction))).ToList();
    }
}
