using System.Globalization;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>The one shell command that gathers the guest OS facts of section 4.3.2, and its parser.</summary>
internal static class GuestOsFactsProbe
{
    public static readonly string[] MountPoints = ["/u01", "/tmp", "/var", "/usr"];

    private const string Separator = "==ovm-facts==";

    public static string Command(string root)
    {
        var release = $"cat {Path(root, "/etc/oracle-release")} 2>/dev/null || cat {Path(root, "/etc/redhat-release")} 2>/dev/null";
        var df = string.Join("; ", MountPoints.Select(m =>
            $"echo \"{m} $(df -Pm {Path(root, m)} 2>/dev/null | awk 'NR==2{{print $4}}')\""));
        return $"{release}; echo {Separator}; uname -m; echo {Separator}; "
            + $"grep -E '^(MemTotal|SwapTotal):' {Path(root, "/proc/meminfo")}; echo {Separator}; nproc; echo {Separator}; {df}";
    }

    private static string Path(string root, string path) => ShellArgument.Quote(root.TrimEnd('/') + path);

    public static GuestOsFacts Parse(string output, string host)
    {
        var sections = output.Split(Separator);
        if (sections.Length != 5)
        {
            throw Bad(host, "the facts command printed an unexpected layout");
        }

        var memory = ReadMeminfo(sections[2]);
        return new GuestOsFacts(
            Release: FirstLine(sections[0]),
            Architecture: FirstLine(sections[1]),
            MemoryMegabytes: memory.GetValueOrDefault("MemTotal") / 1024,
            Cpus: int.TryParse(FirstLine(sections[3]), CultureInfo.InvariantCulture, out var cpus) ? cpus : throw Bad(host, "nproc printed no number"),
            SwapMegabytes: memory.GetValueOrDefault("SwapTotal") / 1024,
            FreeMegabytes: ReadFreeSpace(sections[4]));
    }

    private static Dictionary<string, long> ReadMeminfo(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var parts = line.Split(':', 2);
            var number = parts.Length == 2 ? parts[1].Trim().Split(' ')[0] : "";
            if (long.TryParse(number, CultureInfo.InvariantCulture, out var kilobytes))
            {
                values[parts[0]] = kilobytes;
            }
        }

        return values;
    }

    private static Dictionary<string, long> ReadFreeSpace(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var megabytes))
            {
                values[parts[0]] = megabytes;
            }
        }

        return values;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string FirstLine(string text) => Lines(text).FirstOrDefault() ?? "";

    private static OvmFaultException Bad(string host, string what) =>
        new(OvmFaultKind.BadResponse, $"Could not read the guest OS facts of {host}: {what}.");
}
