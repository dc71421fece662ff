using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.DependencyInjection;
using OvmSelfHost.Chat.Http;
using OvmSelfHost.Chat.Slack.Endpoints;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Chat.Slack.Outbox;
using OvmSelfHost.Chat.Slack.Signing;
using OvmSelfHost.Chat.Slack.SocketMode;
using OvmSelfHost.Chat.Slack.WebApi;
using Refit;

namespace OvmSelfHost.Chat.Slack.DependencyInjection;

public static class SlackExtensions
{
    /// <summary>
    /// The Slack channel: options (validated at start), and when it is on the request verifier (HTTP),
    /// the Socket Mode client (app-level token), the handlers, the Web API client, and the outbox channel and target that keep each
    /// migration's messages (the host's outbox relay delivers).
    /// </summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddChatBackground();
        var options = builder.Configuration.GetSection(SlackOptions.SectionName).Get<SlackOptions>() ?? new SlackOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        if (options.HttpEnabled)
        {
            services.AddSingleton(sp => new SlackSignatureVerifier(sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret!, sp.GetRequiredService<TimeProvider>()));
        }

        if (options.SocketModeEnabled)
        {
            services.AddTransient<SlackEnvelopeDispatcher>();
            services.AddHttpClient(SlackSocketModeClient.HttpClientName).AddHttpMessageHandler<RateLimitHandler>();
            services.AddHostedService<SlackSocketModeClient>();
        }

        services.AddTransient<SlackCommandHandler>();
        services.AddTransient<SlackInteractionHandler>();
        services.AddTransient<SlackVoteCaster>();
        services.TryAddSingleton<ApprovalLinkOffer>();
        services.AddTransient<SlackEventHandler>();
        services.AddTransient<SlackMentionHandler>();
        AddWebApi(services);
        services.AddSingleton<IOutboxChannel, SlackOutboxChannel>();
        services.AddSingleton<IOutboxTarget, SlackRunPublisher>();
        services.AddSingleton<SlackPostIntents>();
        services.AddSingleton<IAnnouncementChannel, SlackAnnouncements>();
        return builder;
    }

    /// <summary><c>POST /slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>, each verified; logs whether Slack is on.</summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackExtensions).FullName!);
        if (!options.Enabled)
        {
            SlackLog.SlackOff(logger);
            return app;
        }

        var waysIn = (options.HttpEnabled ? "endpoints /slack/commands, /slack/interactions, /slack/events" : "no HTTP endpoints")
            + (options.SocketModeEnabled ? "; Socket Mode" : "");
        if (!options.HttpEnabled)
        {
            SlackLog.SlackOn(logger, options.Channel!, options.ApiBaseUrl, waysIn);
            return app;
        }

        var group = app.MapGroup("/slack").AddEndpointFilter<SlackSignatureFilter>().DisableAntiforgery();
        group.MapPost("/commands", (HttpContext http, SlackCommandHandler handler) => handler.HandleAsync(SlackSignatureFilter.RawBody(http),
            http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], http.RequestAborted));
        group.MapPost("/interactions", (HttpContext http, SlackInteractionHandler handler) => handler.HandleAsync(SlackSignatureFilter.RawBody(http), http.RequestAborted));
        group.MapPost("/events", (HttpContext http, SlackEventHandler handler) =>
            handler.HandleAsync(SlackSignatureFilter.RawBody(http), http.Request.Headers["X-Slack-Retry-Num"], http.RequestAborted));
        SlackLog.SlackOn(logger, options.Channel!, options.ApiBaseUrl, waysIn);
        return app;
    }

    private static void AddWebApi(IServiceCollection services)
    {
        services.AddTransient<SlackAuthHandler>();
        services.TryAddTransient<RateLimitHandler>();
        services.AddRefitGeneratedClient<ISlackWebApi>(new RefitSettings(new SystemTextJsonContentSerializer(SlackJson.Options)))
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl.TrimEnd('/'));
                http.Timeout = TimeSpan.FromMinutes(5);
            })
            .AddHttpMessageHandler<RateLimitHandler>()
            .AddHttpMessageHandler<SlackAuthHandler>();
        services.AddTransient(sp => new SlackWebApiClient(sp.GetRequiredService<ISlackWebApi>()));
        services.AddTransient(sp => new SlackOutboxApi(sp.GetRequiredService<ISlackWebApi>()));
        services.AddHttpClient<SlackResponseUrlClient>().AddHttpMessageHandler<RateLimitHandler>();
    }
}
