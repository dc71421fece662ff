using Microsoft.Extensions.Hosting;
using OvmSelfHost.Ovm.Configuration;

namespace OvmSelfHost.Ovm.DependencyInjection;

public static class OvmAdapterHostBuilderExtensions
{
    /// <summary>The real Oracle VM adapters from the builder's <c>Ovm</c> configuration section, validated at start-up.</summary>
    public static IHostApplicationBuilder AddOvmAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOvmAdapters(builder.Configuration.GetSection(OvmAdapterOptions.SectionName));
        return builder;
    }
}
