using System.Text.RegularExpressions;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>
/// A manager UUID as the installer accepts it: 15 to 32 hex digits (Oracle VM writes them starting 0004fb).
/// Checked before the value is put on any command line.
/// </summary>
internal static partial class ManagerUuidFormat
{
    [GeneratedRegex("^[0-9A-Fa-f]{15,32}$")]
    private static partial Regex Pattern();

    public static string Validate(string? uuid)
    {
        if (uuid is null || !Pattern().IsMatch(uuid))
        {
            throw new OvmFaultException(
                OvmFaultKind.BadResponse,
                "The manager UUID given to the installer is not 15 to 32 hex digits; read it again from the old manager's .config.");
        }

        return uuid;
    }
}
