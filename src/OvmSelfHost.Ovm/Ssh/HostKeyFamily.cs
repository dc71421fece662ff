namespace OvmSelfHost.Ovm.Ssh;

/// <summary>Which host key algorithms can present a key of the pinned type (RSA keys sign with several).</summary>
internal static class HostKeyFamily
{
    public static bool Accepts(string pinnedKeyType, string algorithm) => pinnedKeyType switch
    {
        "ssh-rsa" => algorithm is "rsa-sha2-512" or "rsa-sha2-256" or "ssh-rsa",
        _ => string.Equals(pinnedKeyType, algorithm, StringComparison.Ordinal),
    };
}
