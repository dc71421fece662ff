using Microsoft.Extensions.Configuration;
using OvmSelfHost.Chat.Teams;

namespace OvmSelfHost.Chat.Tests.Teams;

public sealed class TeamsLocalModeValidatorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080;http://[::1]:5081")]
    [InlineData(null)]
    public void LocalModeOn_ListensOnLoopbackOnly_Succeeds(string? urls)
    {
        var result = Validate(new TeamsOptions { LocalMode = true }, ("urls", urls));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://0.0.0.0:5080")]
    [InlineData("http://127.0.0.1:5080;http://10.1.2.3:5080", "http://10.1.2.3:5080")]
    [InlineData("http://+:5080", "http://+:5080")]
    [InlineData("http://ovm.example.com:5080", "http://ovm.example.com:5080")]
    public void LocalModeOn_ListensBeyondLoopback_FailsNamingTheAddressAndTheFix(string urls, string named)
    {
        var result = Validate(new TeamsOptions { LocalMode = true }, ("urls", urls));

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
        Assert.Contains("Teams:LocalMode", result.FailureMessage);
    }

    [Fact]
    public void LocalModeOn_KestrelEndpointOrHttpPorts_AreCheckedToo()
    {
        var endpoint = Validate(new TeamsOptions { LocalMode = true }, ("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080"));
        var ports = Validate(new TeamsOptions { LocalMode = true }, ("http_ports", "8080"));

        Assert.Contains("http://0.0.0.0:8080", endpoint.FailureMessage);
        Assert.Contains("every interface", ports.FailureMessage);
    }

    [Fact]
    public void LocalModeOff_ListensAnywhere_Succeeds()
    {
        var result = Validate(new TeamsOptions(), ("urls", "http://0.0.0.0:5080"));

        Assert.True(result.Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(TeamsOptions options, (string Key, string? Value) setting) =>
        new TeamsLocalModeValidator(new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(setting.Key, setting.Value)]).Build())
            .Validate(null, options);
}
