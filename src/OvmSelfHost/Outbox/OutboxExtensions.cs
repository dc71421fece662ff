using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Outbox;

public static class OutboxExtensions
{
    /// <summary>The outbox on the host's database and its one relay; options validated at start.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName)
            .Validate(o => o.FirstRetry > TimeSpan.Zero && o.MaxRetry >= o.FirstRetry && o.PollInterval > TimeSpan.Zero,
                "Outbox: FirstRetry and PollInterval must be positive, and MaxRetry at least FirstRetry.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<EfOutboxStore>();
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<EfOutboxStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<EfOutboxStore>());
        services.AddSingleton<IOutboxBacklog>(sp => sp.GetRequiredService<EfOutboxStore>());
        services.AddHostedService<OutboxRelay>();
        return services;
    }
}
