namespace OvmSelfHost.Ovm.Configuration;

/// <summary>
/// One Oracle VM Manager's WS-API. The password comes from configuration the operator supplies
/// (for example <c>Ovm__Environments__A__OriginalManager__Password</c>), never from a committed file.
/// </summary>
public sealed class OvmManagerOptions
{
    /// <summary>The WS-API base, e.g. <c>https://ovmm-a:7002/ovm/core/wsapi/rest</c>.</summary>
    public string BaseUrl { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>SHA-256 thumbprint (hex, colons or spaces allowed) of the manager's TLS certificate.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>PEM file of the CA that signed the manager's certificate (e.g. a copy of <c>ovmca.pem</c>).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Accept any certificate: only for the embedded simulator, which has no real certificate.</summary>
    public bool TrustSimulatorCertificate { get; set; }

    /// <summary>Only for the embedded simulator: where to look the address up when <see cref="BaseUrl"/> is empty.</summary>
    public SimulatedManagerOptions? Simulated { get; set; }

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
