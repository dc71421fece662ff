using OvmSelfHost.TestIdentityProvider;
using IdentityProvider = OvmSelfHost.TestIdentityProvider.TestIdentityProvider;

namespace OvmSelfHost.Tests.Support;

/// <summary>
/// A real identity provider started for one test, its people (alice requests; bob and carol approve
/// and are linked to the configured users of the same names; dave approves but is not in Users), and
/// the host settings that point sign-in at it.
/// </summary>
public sealed class SignInWorld : IAsyncDisposable
{
    public const string RequesterGroup = "ovm-requesters";
    public const string ApproverGroup = "ovm-approvers";

    public static readonly TestUser Alice = new("alice", "alice-pw", "alice@example.test", [RequesterGroup]);
    public static readonly TestUser Bob = new("bob", "bob-pw", "bob@example.test", [ApproverGroup]);
    public static readonly TestUser Carol = new("carol", "carol-pw", "carol@example.test", [ApproverGroup]);
    public static readonly TestUser Dave = new("dave", "dave-pw", "dave@example.test", [ApproverGroup]);

    static SignInWorld()
    {
        // The one place the host reads its client secret from; the same for every host of this test process.
        Environment.SetEnvironmentVariable("OVM_SIGNIN_CLIENT_SECRET", IdentityProvider.ConsoleClientSecret);
    }

    private SignInWorld(IdentityProvider provider) => Provider = provider;

    public IdentityProvider Provider { get; }

    /// <summary>The test server's address, where the provider sends people back.</summary>
    public static Uri HostAddress { get; } = new("http://localhost");

    public static async Task<SignInWorld> StartAsync() =>
        new(await IdentityProvider.StartAsync([Alice, Bob, Carol, Dave], [HostAddress]));

    /// <summary>Another provider (another issuer, other keys) that knows the same people.</summary>
    public static Task<IdentityProvider> StartForeignAsync() =>
        IdentityProvider.StartAsync([Alice, Bob, Carol, Dave], [HostAddress]);

    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["SignIn:Authority"] = Provider.Authority.ToString(),
            ["SignIn:ClientId"] = IdentityProvider.ConsoleClientId,
            ["SignIn:Audience"] = IdentityProvider.ApiAudience,
            ["SignIn:RequireHttpsMetadata"] = "false",
            ["SignIn:Requesters:0"] = RequesterGroup,
            ["SignIn:Approvers:0"] = ApproverGroup,
            ["SignIn:PublicUrl"] = HostAddress.ToString(),
            ["Users:0:SignIn"] = Alice.Email,
            ["Users:1:SignIn"] = Bob.Email,
            ["Users:2:SignIn"] = Carol.Email,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
