using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Replicas;

public static class ReplicaExtensions
{
    /// <summary>
    /// This replica's identity and leases (rows in the run database, SQLite or PostgreSQL alike) and, on
    /// PostgreSQL, the LISTEN/NOTIFY bus to the other replicas. One process on SQLite is the single-replica case.
    /// </summary>
    public static IHostApplicationBuilder AddReplicas(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReplicaOptions>, ReplicaOptionsValidation>();
        services.AddSingleton(sp => ReplicaIdentity.Start(sp.GetRequiredService<IOptions<ReplicaOptions>>().Value.Name));
        services.AddSingleton<EfLeases>();
        services.AddSingleton<IRunLeases>(sp => sp.GetRequiredService<EfLeases>());
        services.AddSingleton<ReplicaBus>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaBus>());
        services.AddSingleton<IRunNotifier, ReplicaNotifier>();
        return builder;
    }
}
