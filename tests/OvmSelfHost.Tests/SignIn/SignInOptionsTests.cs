using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.SignIn;

/// <summary>SignIn is validated at start-up: a half-configured provider or a secret in a file stops the host with the key named.</summary>
public sealed class SignInOptionsTests
{
    [Theory]
    [InlineData("SignIn:ClientSecret", "in-a-file", "SignIn:ClientSecret must not be configured: set the environment variable OVM_SIGNIN_CLIENT_SECRET")]
    [InlineData("SignIn:Approvers:0", "", "SignIn:Approvers must list at least one group or app role")]
    [InlineData("SignIn:FreshSignIn:Gates:0", "StopEverything", "SignIn:FreshSignIn:Gates has 'StopEverything', which is not a gate")]
    [InlineData("SignIn:RequireHttpsMetadata", "true", "SignIn:Authority must use https")]
    [InlineData("SignIn:FreshSignIn:MaxAge", "00:00:00", "SignIn:FreshSignIn:MaxAge must be positive")]
    public async Task BadSignInSetting_StopsTheHost_NamingTheKey(string key, string value, string expected)
    {
        await using var world = await SignInWorld.StartAsync();
        var settings = world.Settings();
        if (value.Length == 0)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        await using var host = new HostFactory(settings: settings);

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains(expected, failure.ToString());
    }

    [Fact]
    public async Task NoAuthority_IsLocalMode_AndAClientSecretInAFileIsStillRefused()
    {
        await using var host = new HostFactory(settings: new Dictionary<string, string> { ["SignIn:ClientSecret"] = "in-a-file" });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("OVM_SIGNIN_CLIENT_SECRET", failure.ToString());
    }
}
