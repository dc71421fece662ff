using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Readiness;

namespace OvmSelfHost.Readiness;

public static class ReadinessExtensions
{
    /// <summary>The standing readiness checks: on demand, and on a Quartz cron (the scheduler of the maintenance windows).</summary>
    public static IHostApplicationBuilder AddReadiness(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReadinessOptions>, ReadinessOptionsValidator>();
        services.AddSingleton<ReadinessService>();
        services.AddSingleton<IReadinessChecks>(sp => sp.GetRequiredService<ReadinessService>());
        var options = builder.Configuration.GetSection(ReadinessOptions.SectionName).Get<ReadinessOptions>() ?? new ReadinessOptions();
        if (options.Enabled && builder.Configuration["Ovm:Adapter"] is { } adapter && !adapter.Equals("None", StringComparison.OrdinalIgnoreCase))
        {
            services.AddTransient<ReadinessJob>();
            services.AddHostedService<ReadinessSchedule>();
        }

        return builder;
    }
}
