using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OvmSelfHost.Ovm.WsApi;
using OvmSelfHost.Runbook.Ports;
using Refit;

namespace OvmSelfHost.Ovm.Tests.WsApi;

/// <summary>The client's resilience pipeline as registered for a manager, over a manager that refuses every connection.</summary>
public sealed class SingleAttemptTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 4)]
    public async Task ManagerRefusesConnections_ReadStatus_ProbeAsksOnceAndARegularReadIsRetried(bool probe, int attempts)
    {
        var refusing = new StubManager(_ => throw new HttpRequestException("Connection refused (ovmm-test:7002)"));
        var manager = OverPipeline(refusing);

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() =>
            probe ? manager.ProbeStatusAsync(CancellationToken.None) : manager.GetStatusAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
        Assert.Equal(attempts, refusing.Count("GET", "/Manager"));
    }

    [Fact]
    public async Task ManagerStillStarting_WaitUntilRunning_AsksOncePerLookUntilItAnswers()
    {
        var (looks, retried) = (0, 0);
        var starting = new StubManager(request =>
        {
            retried += IsSingleAttempt(request) ? 0 : 1;
            return ++looks <= 2 ? throw new HttpRequestException("Connection refused (ovmm-test:7002)") : StubManager.Json(StubManager.ManagerJson);
        });
        var manager = OverPipeline(starting);

        var status = await manager.WaitUntilRunningAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(status.IsRunning);
        Assert.Equal((3, 0), (starting.Count("GET", "/Manager"), retried));
    }

    private static bool IsSingleAttempt(HttpRequestMessage request) =>
        request.Options.TryGetValue(new HttpRequestOptionsKey<bool>(WsApiClientRegistration.SingleAttempt), out var single) && single;

    private static WsApiOvmManager OverPipeline(StubManager transport)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("manager", c => c.BaseAddress = new Uri("https://ovmm-test:7002/ovm/core/wsapi/rest"))
            .ConfigurePrimaryHttpMessageHandler(() => transport)
            .AddStandardResilienceHandler(o => WsApiClientRegistration.ConfigureResilience(o, TimeSpan.FromSeconds(5)));
        var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("manager");
        var api = RestService.For<IOvmWsApi>(http, WsApiJson.Settings());
        var endpoint = new ManagerEndpoint("A/Original manager (https://ovmm-test:7002)", "admin", "Ovm:Environments:A:OriginalManager");
        return new WsApiOvmManager(api, endpoint, TimeProvider.System, NullLogger.Instance, _ => "agent-secret");
    }
}
