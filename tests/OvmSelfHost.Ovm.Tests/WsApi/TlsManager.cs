using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OvmSelfHost.Ovm.Tests.WsApi;

/// <summary>A tiny HTTPS server on loopback with a fresh self-signed certificate, answering GET /Manager.</summary>
internal sealed class TlsManager : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsManager(WebApplication app, X509Certificate2 certificate, string baseUrl)
    {
        _app = app;
        Certificate = certificate;
        BaseUrl = baseUrl;
    }

    public X509Certificate2 Certificate { get; }

    public string BaseUrl { get; }

    public string Sha256Thumbprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static async Task<TlsManager> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/ovm/core/wsapi/rest/Manager", () => Results.Text(StubManager.ManagerJson, "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TlsManager(app, certificate, $"{address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)}/ovm/core/wsapi/rest");
    }

    public string WriteCertificatePem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ovm-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
