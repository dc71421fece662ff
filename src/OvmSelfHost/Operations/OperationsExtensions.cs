using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OvmSelfHost.Ovm.Telemetry;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Telemetry;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Operations;

/// <summary>Operations built in: OpenTelemetry traces and metrics, /healthz and /readyz, readable (or JSON) logs.</summary>
public static class OperationsExtensions
{
    private const string Live = "live";
    private const string Ready = "ready";
    private const string Serving = "serving";

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>();
        var options = builder.Configuration.GetSection(OperationsOptions.SectionName).Get<OperationsOptions>() ?? new OperationsOptions();
        AddLogging(builder, options);
        AddTelemetry(builder, options);
        AddHealth(builder);
        services.AddSingleton<IRunNotifier, RunTransitionLog>();
        services.AddSingleton<OperationsGauges>();
        return builder;
    }

    public static IApplicationBuilder UseOperations(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.ApplicationServices.GetRequiredService<OperationsGauges>().Register();
        return app.UseMiddleware<AcknowledgementLatency>();
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live), ResponseWriter = HealthAnswer.WriteAsync }).WithTags("Health");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthAnswer.WriteAsync }).WithTags("Health");
        // For load balancers: only what this replica needs to serve. A manager down during the cutover must not
        // take every replica out of rotation (Slack, Teams and the console would lose the tool when it matters).
        app.MapHealthChecks("/readyz/serving", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Serving), ResponseWriter = HealthAnswer.WriteAsync }).WithTags("Health");
        var options = app.ServiceProvider.GetRequiredService<IOptions<OperationsOptions>>().Value;
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        }

        return app;
    }

    private static void AddLogging(IHostApplicationBuilder builder, OperationsOptions options)
    {
        // Polly logs every handled retry with its exception; the WS-API client writes one line per retry instead.
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        // Four lines per HTTP call (every WS-API read) at Information: the traces time every call, and failures are logged as warnings.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        if (options.JsonConsole)
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
    }

    private static void AddTelemetry(IHostApplicationBuilder builder, OperationsOptions options)
    {
        var otlp = options.OtlpEndpoint is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ovmselfhost"))
            .WithTracing(t =>
            {
                t.AddSource(RunbookTelemetry.Name, OvmTelemetry.Name, HostTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(options.PrometheusPath))
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    t.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(RunbookTelemetry.Name, OvmTelemetry.Name, HostTelemetry.Name)
                    .AddAspNetCoreInstrumentation();
                if (otlp is not null)
                {
                    m.AddOtlpExporter(o => o.Endpoint = otlp);
                }

                if (options.Prometheus)
                {
                    m.AddPrometheusExporter();
                }
            });
    }

    private static void AddHealth(IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The host runs."), tags: [Live])
            // A read of our own table: the database answers and holds the schema, not merely accepts a connection.
            .AddDbContextCheck<MigrationDbContext>("database", tags: [Ready, Serving], customTestQuery: async (db, ct) =>
            {
                _ = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Migrations, ct);
                return true;
            })
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready, Serving])
            .AddCheck<WarmUpHealthCheck>("warm-up", tags: [Ready, Serving]);
        foreach (var environment in builder.Configuration.GetSection("Environments").GetChildren().Select(c => c.Key))
        {
            checks.Add(new HealthCheckRegistration($"manager:{environment}",
                sp => ActivatorUtilities.CreateInstance<ManagerHealthCheck>(sp, environment), HealthStatus.Unhealthy, [Ready]));
            checks.Add(new HealthCheckRegistration($"host-key:{environment}",
                sp => ActivatorUtilities.CreateInstance<HostKeyHealthCheck>(sp, environment), HealthStatus.Unhealthy, [Ready]));
        }
    }
}
