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

        if (manager.Simulated is { } simulated)
        {
            CheckSimulated(manager, simulated, key, errors);
        }
        else if (!Uri.TryCreate(manager.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add($"{key}:BaseUrl must be an absolute https URL such as https://ovmm:7002/ovm/core/wsapi/rest.");
        }
        else if (uri.Scheme == "http" && !manager.TrustSimulatorCertificate)
        {
            errors.Add($"{key}:BaseUrl uses plain http, which is only allowed for the simulator (TrustSimulatorCertificate: true).");
        }

        CheckCredentials(manager, key, errors);
        CheckTrust(manager, key, errors);
    }

    private static void CheckSimulated(OvmManagerOptions manager, SimulatedManagerOptions simulated, string key, List<string> errors)
    {
        if (!Uri.TryCreate(simulated.ControlUrl, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(simulated.ManagerName))
        {
            errors.Add($"{key}:Simulated needs the simulator's ControlUrl and the ManagerName.");
        }

        if (!manager.TrustSimulatorCertificate)
        {
            errors.Add($"{key}:Simulated is only for the simulator: set {key}:TrustSimulatorCertificate to true.");
        }

        if (manager.BaseUrl.Length > 0 && !Uri.TryCreate(manager.BaseUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{key}:BaseUrl must be empty or an absolute URL.");
        }
    }

    private static void CheckCredentials(OvmManagerOptions manager, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(manager.Username))
        {
            errors.Add($"{key}:Username is empty.");
        }

        if (string.IsNullOrEmpty(manager.Password))
        {
            errors.Add($"{key}:Password is empty: supply it as the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}__Password (never in appsettings.json).");
        }

    }

    private static void CheckTrust(OvmManagerOptions manager, string key, List<string> errors)
    {
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
