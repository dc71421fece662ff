namespace OvmSelfHost.Ovm.WsApi.Http;

/// <summary>A SHA-256 certificate thumbprint as operators write it: hex, with or without colons or spaces.</summary>
internal static class Thumbprint
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(new string([.. text.Where(Uri.IsHexDigit)]));

    public static bool IsValid(string text)
    {
        var hex = text.Where(c => c is not (':' or ' ' or '-')).ToArray();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit);
    }
}
