using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OvmSelfHost.Ovm.Configuration;

namespace OvmSelfHost.Ovm.WsApi.Http;

/// <summary>
/// How a manager's TLS certificate is trusted: pinned by SHA-256 thumbprint, or chained to a configured CA
/// (name checked), or (only when the options say the peer is the simulator) any certificate. With none of
/// these, the system's trust store decides.
/// </summary>
internal static class ManagerCertificatePolicy
{
    public static RemoteCertificateValidationCallback? For(OvmManagerOptions options)
    {
        if (options.TrustSimulatorCertificate)
        {
            return (_, _, _, _) => true;
        }

        if (!string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            var pinned = Thumbprint.Parse(options.CertificateThumbprint);
            return (_, certificate, _, _) =>
                certificate is not null && CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(HashAlgorithmName.SHA256), pinned);
        }

        if (!string.IsNullOrWhiteSpace(options.CaCertificatePath))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(options.CaCertificatePath);
            return (_, certificate, _, errors) => ChainsTo(authorities, certificate, errors);
        }

        return null;
    }

    private static bool ChainsTo(X509Certificate2Collection authorities, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
