using System.Text.RegularExpressions;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>Finds Oracle VM's error code (<c>GEN_000002</c>, <c>AUTH_000005</c>, <c>OVMRU_002044E</c>) in a message.</summary>
internal static partial class OvmErrorCode
{
    public const string NotFound = "GEN_000002";
    public const string OutOfDate = "GEN_000011";
    public const string Locked = "GEN_000029";
    public const string InvalidCredentials = "AUTH_000005";

    [GeneratedRegex(@"\b([A-Z][A-Z0-9_]*_\d{5,6}[A-Z]?)\b")]
    private static partial Regex Pattern();

    public static string? Find(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var match = Pattern().Match(text);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        return null;
    }
}
