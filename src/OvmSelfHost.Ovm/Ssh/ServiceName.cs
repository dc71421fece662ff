using System.Text.RegularExpressions;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>A service name safe to put on a command line (ovmm, ovmm_mysql, mysqld@x …).</summary>
internal static partial class ServiceName
{
    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,64}$")]
    private static partial Regex Pattern();

    public static string Validate(string service) =>
        Pattern().IsMatch(service)
            ? service
            : throw new ArgumentException($"'{service}' is not a valid service name (letters, digits, _ . @ - only).", nameof(service));
}
