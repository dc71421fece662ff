using OvmSelfHost.Configuration;
using OvmSelfHost.Ovm.DependencyInjection;
using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Simulator.DependencyInjection;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Adapters;

public static class OvmAdapterExtensions
{
    /// <summary>
    /// Wires the Oracle VM adapters chosen by <c>Ovm:Adapter</c>. In simulator mode the simulator is
    /// embedded (unless <c>Simulator:Enabled</c> is false and <c>Ovm:SimulatorControlUrl</c> names one
    /// already running) and reached through the same WS-API client a real manager would be.
    /// </summary>
    public static IHostApplicationBuilder AddOvm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration["Ovm:Adapter"] ?? nameof(OvmAdapterMode.None);
        if (!Vocabularies.OfEnum<OvmAdapterMode>("adapter").TryParse(configured, out var mode))
        {
            throw new InvalidOperationException($"Ovm:Adapter is '{configured}'; use None, Simulator or Real.");
        }

        switch (mode)
        {
            case OvmAdapterMode.Real:
                builder.Services.AddOvmAdapters(builder.Configuration.GetSection("Ovm"));
                break;
            case OvmAdapterMode.Simulator:
                AddSimulator(builder);
                break;
        }

        return builder;
    }

    private static void AddSimulator(IHostApplicationBuilder builder)
    {
        var simulator = builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        var controlUrl = builder.Configuration["Ovm:SimulatorControlUrl"];
        if (simulator.Enabled)
        {
            if (simulator.DynamicPorts)
            {
                throw new InvalidOperationException("Simulator:DynamicPorts cannot be used embedded: the adapters need the control port. Set Simulator:PortOffset instead.");
            }

            builder.AddOvmSimulator();
            // Like the SQLite file, a relative saved-world path is under the repository root (./data beside the runs' database).
            var root = RepositorySettings.FindRoot(builder.Environment.ContentRootPath) ?? builder.Environment.ContentRootPath;
            builder.Services.PostConfigure<SimulatorOptions>(o =>
                o.StatePath = string.IsNullOrWhiteSpace(o.StatePath) ? null : Path.GetFullPath(o.StatePath, root));
            controlUrl ??= $"http://{simulator.BindAddress}:{simulator.Port(simulator.ControlPort)}/";
        }
        else if (!Uri.TryCreate(controlUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Ovm:SimulatorControlUrl must name the running simulator's control API when Simulator:Enabled is false.");
        }

        builder.Services.AddOvmAdapters(SimulatorAdapterOptions.FromSimulator(new Uri(controlUrl!), [], simulator.PortOffset, resolveLater: true));
    }
}
