using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>Reads the <c>KEY=VALUE</c> lines of <c>/u01/app/oracle/ovm-manager-3/.config</c>.</summary>
internal static class ManagerConfigParser
{
    public static ManagerConfigFile Parse(string text, string where)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        var file = new ManagerConfigFile(values);
        if (string.IsNullOrEmpty(file.Uuid))
        {
            throw new OvmFaultException(
                OvmFaultKind.BadResponse,
                $"{where} has no UUID= line; this host does not look like an installed Oracle VM Manager.");
        }

        return file;
    }
}
