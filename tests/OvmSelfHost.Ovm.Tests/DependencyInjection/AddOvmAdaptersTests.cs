using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.Ssh;
using OvmSelfHost.Ovm.Tests.WsApi;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.DependencyInjection;

public sealed class AddOvmAdaptersTests
{
    [Fact]
    public async Task TransientFailureOnRead_IsRetried()
    {
        var calls = 0;
        var stub = new StubManager(_ => Interlocked.Increment(ref calls) <= 2
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : StubManager.Json(StubManager.ManagerJson));
        using var services = AdapterServices.Build(AdapterServices.Configuration(), stub);

        var status = await services.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original).GetStatusAsync(CancellationToken.None);

        Assert.True(status.IsRunning);
        Assert.Equal(3, stub.Count("GET", "/Manager"));
    }

    [Fact]
    public async Task DelayedAnswer_ConfiguredRequestTimeout_IsAppliedToEveryAttempt()
    {
        // Issue 11, Why 8: a discover answer delayed 20 s was waited for with an 8 s RequestTimeout configured (60 s was hard-coded).
        var slow = new DelayedManager(TimeSpan.FromSeconds(20));
        var settings = AdapterServices.Configuration();
        settings["Ovm:Environments:A:OriginalManager:RequestTimeout"] = "00:00:00.300";
        using var services = AdapterServices.Build(settings, slow);
        var manager = services.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => manager.GetStatusAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
        Assert.Contains("did not answer in time", fault.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"waited {clock.Elapsed} for 4 attempts of 0.3 s and their backoff");
        Assert.Equal(4, slow.Attempts);
    }

    private sealed class DelayedManager(TimeSpan delay) : HttpMessageHandler
    {
        private int attempts;

        public int Attempts => attempts;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref attempts);
            await Task.Delay(delay, cancellationToken);
            return StubManager.Json(StubManager.ManagerJson);
        }
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task TransientFailureOnModifyingCall_IsNotRetried(string method)
    {
        var stub = new StubManager(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var services = AdapterServices.Build(AdapterServices.Configuration(), stub);
        var manager = services.GetRequiredService<IOvmConnections>().Manager("B", ManagerRole.Replacement);
        OvmOperation operation = method == "PUT" ? new StartVm("vm1") : new CreateRepository("r", "fs1");

        var fault = await Assert.ThrowsAsync<OvmFaultException>(() => manager.StartAsync(operation, CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task EveryCall_SendsBasicAuth_AndTheSessionCookieOnceSet()
    {
        var stub = new StubManager(_ =>
        {
            var response = StubManager.Json(StubManager.ManagerJson);
            response.Headers.Add("Set-Cookie", "JSESSIONID=abc123; Path=/; Secure; HttpOnly");
            return response;
        });
        using var services = AdapterServices.Build(AdapterServices.Configuration(), stub);
        var manager = services.GetRequiredService<IOvmConnections>().Manager("A", ManagerRole.Original);

        await manager.GetStatusAsync(CancellationToken.None);
        await manager.GetStatusAsync(CancellationToken.None);

        var requests = stub.Requests.ToArray();
        Assert.All(requests, r => Assert.Equal("Basic YWRtaW46czNjcmV0LVBhNTU=", r.Authorization));
        Assert.Null(requests[0].Cookie);
        Assert.Equal("JSESSIONID=abc123", requests[1].Cookie);
    }

    [Fact]
    public void Connections_ResolveSshHostsAndRejectUnknownEnvironments()
    {
        using var services = AdapterServices.Build(AdapterServices.Configuration());
        var connections = services.GetRequiredService<IOvmConnections>();

        Assert.IsType<SshManagerHost>(Assert.IsType<Telemetry.InstrumentedManagerHost>(connections.Host("A", HostRole.ReplacementVm)).Inner);
        Assert.Same(connections.Manager("b", ManagerRole.Original), connections.Manager("B", ManagerRole.Original));
        var error = Assert.Throws<ArgumentException>(() => connections.Manager("C", ManagerRole.Original));
        Assert.Contains("Ovm:Environments", error.Message);
    }

    [Theory]
    [InlineData("Ovm:Environments:A:OriginalManager:Password", "", "Ovm__Environments__A__OriginalManager__Password")]
    [InlineData("Ovm:Environments:B:ReplacementManager:BaseUrl", "not a url", "Ovm:Environments:B:ReplacementManager:BaseUrl")]
    [InlineData("Ovm:Environments:A:ReplacementManager:CertificateThumbprint", "abc", "Ovm:Environments:A:ReplacementManager:CertificateThumbprint")]
    [InlineData("Ovm:Environments:B:Hosts:OriginalManager:Ssh:HostKey", "trust me", "Ovm:Environments:B:Hosts:OriginalManager:Ssh:HostKey")]
    [InlineData("Ovm:Environments:B:Hosts:ReplacementVm:Ssh:PrivateKeyPath", "/no/such/key", "Ovm:Environments:B:Hosts:ReplacementVm:Ssh:PrivateKeyPath")]
    [InlineData("Ovm:Environments:A:Hosts:OriginalManager:Ssh:InstallerCommand", "/x/runInstaller.sh; reboot", "Ovm:Environments:A:Hosts:OriginalManager:Ssh:InstallerCommand")]
    public void BadSetting_FailsValidationNamingTheKey(string key, string value, string expectedInMessage)
    {
        var settings = AdapterServices.Configuration();
        settings[key] = value;
        using var services = AdapterServices.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OvmAdapterOptions>>().Value);

        Assert.Contains(expectedInMessage, error.Message);
        Assert.DoesNotContain("s3cret-Pa55", error.Message);
    }

    [Fact]
    public void GoodSettings_PassValidation()
    {
        using var services = AdapterServices.Build(AdapterServices.Configuration());

        Assert.Equal(2, services.GetRequiredService<IOptions<OvmAdapterOptions>>().Value.Environments.Count);
    }
}
