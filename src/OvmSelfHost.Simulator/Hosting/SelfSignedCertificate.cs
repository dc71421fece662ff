using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>The self-signed TLS certificate of a simulated manager, made at start (like the manager's default one).</summary>
internal static class SelfSignedCertificate
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<X509Certificate2>> Made = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The certificate of a host, made the first time the process needs it (RSA key generation is slow).</summary>
    public static X509Certificate2 For(string hostName) => Made.GetOrAdd(hostName, h => new Lazy<X509Certificate2>(() => Create(h))).Value;

    /// <summary>A fresh certificate of a host that expires <paramref name="validFor"/> from now (drift injection).</summary>
    public static X509Certificate2 Expiring(string hostName, TimeSpan validFor) => Create(hostName, validFor);

    private static X509Certificate2 Create(string hostName, TimeSpan? validFor = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}, O=Oracle VM Manager (simulated)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostName);
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), validFor is { } valid ? DateTimeOffset.UtcNow + valid : DateTimeOffset.UtcNow.AddYears(5));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
