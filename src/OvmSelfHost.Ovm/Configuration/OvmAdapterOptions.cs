namespace OvmSelfHost.Ovm.Configuration;

/// <summary>The <c>Ovm</c> configuration section: every environment the bot may migrate.</summary>
public sealed class OvmAdapterOptions
{
    public const string SectionName = "Ovm";

    /// <summary>Keyed by environment name (<c>A</c>, <c>B</c>).</summary>
    public Dictionary<string, OvmEnvironmentOptions> Environments { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
