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
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Chat.Teams.Authentication;
using OvmSelfHost.Chat.Teams.Connector;
using OvmSelfHost.Chat.Teams.Conversations;
using OvmSelfHost.Chat.Teams.Endpoints;
using OvmSelfHost.Chat.Teams.Outbox;

namespace OvmSelfHost.Chat.Teams.DependencyInjection;

public static class TeamsExtensions
{
    /// <summary>
    /// The Teams channel (Bot Framework protocol): options (validated at start), and when the app id
    /// and password are set the token validation, the Connector client, the activity handlers and the
    /// outbox channel and target that keep each migration's card (the host's outbox relay delivers).
    /// </summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsLocalModeValidator>());
        services.AddChatBackground();
        var options = builder.Configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>() ?? new TeamsOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        services.AddHttpClient(BotFrameworkKeySource.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<BotFrameworkKeySource>();
        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddHttpClient(nameof(BotTokenProvider), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new BotTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(BotTokenProvider)),
            sp.GetRequiredService<IOptions<TeamsOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<ConnectorAuthHandler>();
        services.TryAddTransient<RateLimitHandler>();
        services.AddHttpClient(ConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5))
            .AddHttpMessageHandler<RateLimitHandler>()
            .AddHttpMessageHandler<ConnectorAuthHandler>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<TeamsMembers>();
        services.AddSingleton<TeamsInstallations>();
        services.AddSingleton<TeamsOutboxConnector>();
        services.AddSingleton<TeamsRunPublisher>();
        services.AddSingleton<IOutboxChannel, TeamsOutboxChannel>();
        services.AddSingleton<IOutboxTarget>(sp => sp.GetRequiredService<TeamsRunPublisher>());
        services.AddSingleton<IAnnouncementChannel, TeamsAnnouncements>();
        services.AddTransient<TeamsReplies>();
        services.AddTransient<TeamsMessageHandler>();
        services.AddTransient<TeamsInvokeHandler>();
        services.TryAddSingleton<ApprovalLinkOffer>();
        services.AddTransient<TeamsInstallationHandler>();
        services.AddTransient<TeamsActivityEndpoint>();
        return builder;
    }

    /// <summary><c>POST /api/messages</c>, authenticated per request; logs whether Teams is on.</summary>
    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsExtensions).FullName!);
        if (!options.Enabled)
        {
            TeamsLog.TeamsOff(logger);
            return app;
        }

        app.MapPost("/api/messages", (HttpContext http, TeamsActivityEndpoint endpoint) => endpoint.HandleAsync(http)).DisableAntiforgery();
        if (options.LocalMode)
        {
            TeamsLog.TeamsLocalMode(logger);
        }
        else
        {
            TeamsLog.TeamsOn(logger, options.AppId!, options.OpenIdMetadataUrl);
        }

        return app;
    }
}
