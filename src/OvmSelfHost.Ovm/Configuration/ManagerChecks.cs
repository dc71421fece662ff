using OvmSelfHost.Ovm.WsApi.Http;

namespace OvmSelfHost.Ovm.Configuration;

/// <summary>Start-up checks of one <see cref="OvmManagerOptions"/>.</summary>
internal static class ManagerChecks
{
    public static void Check(OvmManagerOptions? manager, string key, List<string> errors)
    {
        if (manager is null)
        {
            errors.Add($"{key} is missing: give its BaseUrl, Username and Password.");
            return;
        }

        if (!Uri.TryCreate(manager.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add($"{key}:BaseUrl must be an absolute https URL such as https://ovmm:7002/ovm/core/wsapi/rest.");
        }
        else if (uri.Scheme == "http" && !manager.TrustSimulatorCertificate)
        {
            errors.Add($"{key}:BaseUrl uses plain http, which is only allowed for the simulator (TrustSimulatorCertificate: true).");
        }

        if (string.IsNullOrWhiteSpace(manager.Username))
        {
            errors.Add($"{key}:Username is empty.");
        }

        if (string.IsNullOrEmpty(manager.Password))
        {
            errors.Add($"{key}:Password is empty: supply it as the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}__Password (never in appsettings.json).");
        }

        if (manager.CertificateThumbprint is { Length: > 0 } thumbprint && !Thumbprint.IsValid(thumbprint))
        {
            errors.Add($"{key}:CertificateThumbprint must be a SHA-256 thumbprint: 64 hex digits (colons allowed).");
        }

        if (manager.CaCertificatePath is { Length: > 0 } ca && !File.Exists(ca))
        {
            errors.Add($"{key}:CaCertificatePath '{ca}' does not exist.");
        }

        if (manager.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{key}:RequestTimeout must be positive.");
        }
    }
}
