using OvmSelfHost.Ovm.Ssh;

namespace OvmSelfHost.Ovm.Configuration;

/// <summary>Start-up checks of SSH and simulated host settings.</summary>
internal static class HostChecks
{
    public static void CheckSsh(SshHostOptions ssh, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ssh.Address))
        {
            errors.Add($"{key}:Address is empty.");
        }

        if (ssh.Port is < 1 or > 65535)
        {
            errors.Add($"{key}:Port must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(ssh.Username))
        {
            errors.Add($"{key}:Username is empty.");
        }

        if (string.IsNullOrWhiteSpace(ssh.PrivateKeyPath) || !File.Exists(ssh.PrivateKeyPath))
        {
            errors.Add($"{key}:PrivateKeyPath '{ssh.PrivateKeyPath}' does not name an existing private key file.");
        }

        if (KnownHostKey.TryParse(ssh.HostKey) is null)
        {
            errors.Add($"{key}:HostKey must be the host's known-hosts line ('ssh-ed25519 AAAA…') or its SHA256: fingerprint (ssh-keygen -lf).");
        }

        CheckCommand(ssh.InstallerCommand, $"{key}:InstallerCommand", errors);
        CheckCommand(ssh.ServiceCommand, $"{key}:ServiceCommand", errors);
        if (!ssh.FileSystemRoot.StartsWith('/') || ssh.FileSystemRoot.IndexOfAny(['\'', '\n', '\r']) >= 0)
        {
            errors.Add($"{key}:FileSystemRoot must be an absolute path without quotes.");
        }
    }

    public static void CheckSimulated(SimulatedHostOptions simulated, string key, List<string> errors)
    {
        if (!Uri.TryCreate(simulated.ControlUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{key}:ControlUrl must be the simulator's control API URL, e.g. http://127.0.0.1:7000.");
        }

        if (string.IsNullOrWhiteSpace(simulated.HostName))
        {
            errors.Add($"{key}:HostName is empty (e.g. ovmm-a, ovmm-b-vm).");
        }
    }

    private static void CheckCommand(string command, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(command) || command.IndexOfAny(['\n', '\r', ';', '&', '|', '`', '$']) >= 0)
        {
            errors.Add($"{key} must be a single command path (no newlines or shell operators).");
        }
    }
}
