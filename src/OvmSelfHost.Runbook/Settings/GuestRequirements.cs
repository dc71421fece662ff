namespace OvmSelfHost.Runbook.Settings;

/// <summary>
/// Oracle VM Manager 3.4 requirements (installation guide 4.2.1/4.2.2). Memory is 7680 MB rather
/// than 8 GB because a guest with 8 GB reports a little less in /proc/meminfo, and 7680 MB is the
/// figure below which the installer itself warns.
/// </summary>
public sealed record GuestRequirements
{
    public long MinimumMemoryMegabytes { get; init; } = 7680;
    public int MinimumCpus { get; init; } = 2;
    public long MinimumSwapMegabytes { get; init; } = 2150;
    public string RequiredArchitecture { get; init; } = "x86_64";
    public IReadOnlyList<int> SupportedMajorReleases { get; init; } = [6, 7];

    public IReadOnlyDictionary<string, long> MinimumFreeMegabytes { get; init; } = new Dictionary<string, long>
    {
        ["/u01"] = 5632,
        ["/tmp"] = 3072,
        ["/var"] = 400,
        ["/usr"] = 300,
    };
}
