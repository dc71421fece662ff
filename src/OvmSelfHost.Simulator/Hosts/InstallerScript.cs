namespace OvmSelfHost.Simulator.Hosts;

/// <summary>The text the simulated installer prints and writes (reference 9.1, 9.2).</summary>
internal static class InstallerScript
{
    public static IReadOnlyList<string> Progress(string host, string uuid) =>
    [
        "Oracle VM Manager Release 3.4.6 Installer",
        $"Oracle VM Manager Installer log file: /var/log/ovmm/ovm-manager-3-install-{host}.log",
        "Verifying installation prerequisites ...",
        "Starting production with local database installation ...",
        $"Using Oracle VM Manager UUID {uuid}",
        "Installing Oracle VM Manager ...",
        "Installing MySQL ...",
        "Installing Java ...",
        "Installing WebLogic ...",
        "Installing ADF ...",
        "Installing Oracle VM Manager Core ...",
        "Creating Oracle VM Manager database ...",
        "Configuring WebLogic ...",
        "Deploying Oracle VM Manager Core container ...",
        "Deploying Oracle VM Manager UI Console ...",
        "Starting Oracle VM Manager ...",
    ];

    public static IReadOnlyList<string> Summary(string host, string uuid, int httpsPort) =>
    [
        "Installation Summary",
        "--------------------",
        "Database configuration:",
        "  Database type               : MySQL",
        "  Database host name          : localhost",
        "  Database name               : ovs",
        "  Database listener port      : 49500",
        "  Database user               : ovs",
        "Oracle VM Manager configuration:",
        "  Username                    : admin",
        "  Core management port        : 54321",
        $"  UUID                        : {uuid}",
        "Oracle VM Manager installed.",
        $"Please access your Oracle VM Manager installation using: https://{host}:{httpsPort}/ovm/console",
    ];

    public static string Config(string uuid) =>
        $"DBTYPE=MySQL\nDBHOST=localhost\nSID=ovs\nLSNR=49500\nOVSSCHEMA=ovs\nAPEX=None\nWLSADMIN=weblogic\nOVSADMIN=admin\nCOREPORT=54321\nUUID={uuid}\nBUILDID=3.4.6.2105\n";
}
