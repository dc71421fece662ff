using System.Net.Sockets;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Runbook.Ports;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace OvmSelfHost.Ovm.Ssh;

/// <summary>
/// Opens an SSH connection with key authentication and checks the host key against the pinned one.
/// An unknown or different host key is refused, never accepted blindly.
/// </summary>
internal sealed class SshConnector(SshHostOptions options)
{
    public string Peer => $"{options.Username}@{options.Address}:{options.Port}";

    public async Task<SshClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var pinned = KnownHostKey.TryParse(options.HostKey) ?? throw new OvmFaultException(
            OvmFaultKind.UntrustedPeer,
            $"No usable pinned host key is configured for {Peer}; set HostKey to its 'ssh-ed25519 AAAA…' line or its SHA256: fingerprint.");
        var client = new SshClient(ConnectionInfo(pinned));
        string? refused = null;
        client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = pinned.Matches(e.HostKey);
            refused = e.CanTrust ? null : e.FingerPrintSHA256;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw refused is not null ? Untrusted(refused, ex) : Translate(ex);
        }
    }

    /// <summary>Connects only to see the host key: the fingerprint presented, and whether it is the pinned one.</summary>
    public async Task<HostKeyReading> ReadHostKeyAsync(CancellationToken cancellationToken)
    {
        var pinned = KnownHostKey.TryParse(options.HostKey) ?? throw new OvmFaultException(
            OvmFaultKind.UntrustedPeer, $"No usable pinned host key is configured for {Peer}.");
        using var client = new SshClient(ConnectionInfo(pinned));
        string? presented = null;
        client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = pinned.Matches(e.HostKey);
            presented = e.FingerPrintSHA256;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (presented is null && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw Translate(ex);
        }
        catch (Exception) when (presented is not null)
        {
            // Refused after the key was seen (a different key, or the login itself): the key is what was asked for.
        }

        var shown = $"SHA256:{presented!.TrimEnd('=')}";
        var expected = $"SHA256:{pinned.Sha256Fingerprint}";
        return new HostKeyReading(shown, expected, string.Equals(shown, expected, StringComparison.Ordinal));
    }

    private ConnectionInfo ConnectionInfo(KnownHostKey pinned)
    {
        var info = new PrivateKeyConnectionInfo(options.Address, options.Port, options.Username, LoadKey())
        {
            Timeout = options.ConnectTimeout,
        };
        if (pinned.Algorithm is not null)
        {
            foreach (var name in info.HostKeyAlgorithms.Keys.ToList().Where(n => !HostKeyFamily.Accepts(pinned.Algorithm, n)))
            {
                info.HostKeyAlgorithms.Remove(name);
            }
        }

        return info;
    }

    private PrivateKeyFile LoadKey()
    {
        try
        {
            return string.IsNullOrEmpty(options.PrivateKeyPassphrase)
                ? new PrivateKeyFile(options.PrivateKeyPath)
                : new PrivateKeyFile(options.PrivateKeyPath, options.PrivateKeyPassphrase);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SshException or ArgumentException)
        {
            throw new OvmFaultException(
                OvmFaultKind.Unauthorized,
                $"Could not load the SSH private key '{options.PrivateKeyPath}' for {Peer} ({ex.GetType().Name}); check the path, its permissions and the passphrase.",
                inner: ex);
        }
    }

    private OvmFaultException Untrusted(string fingerprint, Exception inner) => new(
        OvmFaultKind.UntrustedPeer,
        $"{Peer} presented host key SHA256:{fingerprint}, which is not the pinned HostKey. "
        + "If the host was reinstalled, verify the new key out of band and update the configuration; otherwise treat this as an attack.",
        inner: inner);

    private OvmFaultException Translate(Exception ex) => ex switch
    {
        OvmFaultException fault => fault,
        SshAuthenticationException => new(
            OvmFaultKind.Unauthorized,
            $"{Peer} refused the SSH key '{options.PrivateKeyPath}'; add its public key to the user's authorized_keys.",
            inner: ex),
        SocketException or SshOperationTimeoutException or TimeoutException or SshConnectionException or OperationCanceledException => new(
            OvmFaultKind.Unreachable,
            $"Could not open an SSH connection to {Peer} ({ex.Message}); check the address, the port and that sshd is running.",
            inner: ex),
        _ => new(OvmFaultKind.Unreachable, $"SSH connection to {Peer} failed: {ex.GetType().Name}: {ex.Message}", inner: ex),
    };
}
