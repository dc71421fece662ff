namespace OvmSelfHost.Ovm.Configuration;

/// <summary>The <c>Ovm</c> configuration section: every environment the bot may migrate.</summary>
public sealed class OvmAdapterOptions
{
    public const string SectionName = "Ovm";

    /// <summary>Keyed by environment name (<c>A</c>, <c>B</c>).</summary>
    public Dictionary<string, OvmEnvironmentOptions> Environments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Named secrets operations refer to (e.g. <c>OVS_AGENT_PASSWORD</c> for server discovery), supplied by the
    /// operator as <c>Ovm__Secrets__OVS_AGENT_PASSWORD</c>; never committed.
    /// </summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);
}
