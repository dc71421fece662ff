namespace OvmSelfHost.Ovm.Configuration;

/// <summary>How to reach a manager host (or the database VM) over SSH. Key authentication only.</summary>
public sealed class SshHostOptions
{
    /// <summary>Host name or IP address.</summary>
    public string Address { get; set; } = "";

    public int Port { get; set; } = 22;

    public string Username { get; set; } = "root";

    /// <summary>Path of the private key file (OpenSSH or PEM format) on the machine running the bot.</summary>
    public string PrivateKeyPath { get; set; } = "";

    /// <summary>Passphrase of the private key, if it has one; supplied by the operator, never committed.</summary>
    public string? PrivateKeyPassphrase { get; set; }

    /// <summary>
    /// The pinned host key: a known-hosts entry (<c>ssh-ed25519 AAAA…</c>, with or without a leading host name)
    /// or a SHA-256 fingerprint (<c>SHA256:…</c> as printed by <c>ssh-keygen -l</c>).
    /// </summary>
    public string HostKey { get; set; } = "";

    /// <summary>The installer on the mounted DVD; the adapter appends <c>--uuid=… --installtype=Install --assumeyes</c>.</summary>
    public string InstallerCommand { get; set; } = "/mnt/cdrom/runInstaller.sh";

    /// <summary>The LSB service command (<c>service</c> or <c>/sbin/service</c>).</summary>
    public string ServiceCommand { get; set; } = "service";

    /// <summary>
    /// Prefix for the files and mount points the adapter reads (<c>.config</c>, <c>/etc/oracle-release</c>,
    /// <c>/u01 /tmp /var /usr</c>). <c>/</c> on a real host; tests point it at a fake tree.
    /// </summary>
    public string FileSystemRoot { get; set; } = "/";

    /// <summary>Time allowed to open the SSH connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
