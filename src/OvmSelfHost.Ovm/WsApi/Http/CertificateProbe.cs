using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi.Http;

/// <summary>
/// Reads the certificate a manager presents on a fresh TLS connection (the WS-API client's pooled connection
/// would keep showing the certificate it met first). Only reads: whether the certificate is trusted is the
/// WS-API client's <see cref="ManagerCertificatePolicy"/>, applied on every call.
/// </summary>
internal sealed class CertificateProbe(Func<CancellationToken, Task<Uri>> address, TimeSpan timeout)
{
    public async Task<CertificateReading?> ReadAsync(CancellationToken cancellationToken)
    {
        var target = await address(cancellationToken);
        if (target.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(target.Host, target.Port, limit.Token);
            await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = target.Host }, limit.Token);
            using var certificate = new X509Certificate2(tls.RemoteCertificate ?? throw new OvmFaultException(OvmFaultKind.BadResponse, $"{target.Authority} presented no certificate."));
            return new CertificateReading(certificate.Subject, certificate.NotAfter.ToUniversalTime(), Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)));
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OvmFaultException(OvmFaultKind.Unreachable, $"Could not open a TLS connection to {target.Authority}: {ex.Message}", inner: ex);
        }
    }
}
