using System.Text.Json;
using Microsoft.Playwright;
using OvmSelfHost.EndToEnd.Support;
using OvmSelfHost.TestIdentityProvider;
using static Microsoft.Playwright.Assertions;
using IdentityProvider = OvmSelfHost.TestIdentityProvider.TestIdentityProvider;

namespace OvmSelfHost.EndToEnd.WebConsole;

/// <summary>
/// The console with sign-in configured, against a real OpenID Connect provider started by the test,
/// in Debian's Chromium: alice (requester) and bob and carol (approvers) sign in, each in a browser of
/// their own; alice starts a migration, cannot approve, and bob and carol approve every gate, signing
/// in again for the dangerous ones, until it completes.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class Signing_in_to_the_console(ConsoleFixture console)
{
    private static readonly TimeSpan Whole = TimeSpan.FromMinutes(4);

    /// <summary>
    /// A click that leaves for the provider or comes back from it: three processes (browser, host, provider) on 2 cores
    /// shared with the crash and replica drills. CI once saw the first one take longer than Playwright's 30 s default.
    /// </summary>
    private const float NavigationTimeout = 90_000;
    private static readonly TestUser Alice = new("alice", "alice-pw", "alice@example.test", ["ovm-requesters"]);
    private static readonly TestUser Bob = new("bob", "bob-pw", "bob@example.test", ["ovm-approvers"]);
    private static readonly TestUser Carol = new("carol", "carol-pw", "carol@example.test", ["ovm-approvers"]);

    [Fact]
    public async Task RequesterAndTwoApprovers_SignIn_AndRunAMigrationToCompletion_SigningInAgainForDangerousGates()
    {
        var environment = new Dictionary<string, string>();
        await using var host = new HostProcess(environment);
        await using var provider = await IdentityProvider.StartAsync([Alice, Bob, Carol], [host.BaseAddress]);
        // Everyone's first sign-in looks half an hour old: dangerous gates must make them sign in again.
        provider.BackdateSignIns = TimeSpan.FromMinutes(30);
        Configure(environment, provider, host);
        await host.StartAsync();
        await SignInPathAnswersAsync(host, provider);

        var alice = await SignInAsync(host, Alice, "requester");
        var bob = await SignInAsync(host, Bob, "approver");
        var carol = await SignInAsync(host, Carol, "approver");
        await Expect(alice.GetByTestId("user-picker")).ToBeHiddenAsync();
        await Shot(alice, "10-signed-in");

        await alice.GetByTestId("command").FillAsync("/ovm start A B now");
        await alice.GetByTestId("command").PressAsync("Enter");
        await Expect(alice.GetByTestId("run-head")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var deadline = DateTime.UtcNow + Whole;
        var gates = 0;
        var freshSignIns = 0;
        while (await alice.GetByTestId("run-state").TextContentAsync() != "Completed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not completed after {Whole}: {await alice.GetByTestId("status-message").TextContentAsync()}");
            var open = alice.Locator("[data-testid=open-proposals] [data-testid=proposal][data-status=Open]");
            if (await open.CountAsync() == 0)
            {
                await Task.Delay(200);
                continue;
            }

            var key = await open.First.GetAttributeAsync("data-key") ?? throw new InvalidOperationException("A card without a key.");
            if (gates == 0)
            {
                await RequesterIsRefused(alice, key);
            }

            var voters = gates % 2 == 0 ? new[] { bob, carol } : [carol, bob];
            // The page that voted last is up to date (it reloads after its vote); the others may lag behind.
            for (var i = 0; i < voters.Length && (i == 0 || await Card(voters[i - 1], key).GetAttributeAsync("data-status") == "Open"); i++)
            {
                freshSignIns += await ApproveAsync(voters[i], voters[i] == bob ? Bob : Carol, key, votesAfter: i + 1);
            }

            await Expect(Card(alice, key)).Not.ToHaveAttributeAsync("data-status", "Open", new() { Timeout = 15_000 });
            gates++;
        }

        Assert.Equal(8, gates);
        Assert.True(freshSignIns >= 2, $"Only {freshSignIns} fresh sign-ins: the dangerous gates did not ask for them.");
        await Shot(alice, "11-signed-in-migration-completed");
        await VotesRecordTheSignedInPeople(alice);
        await bob.GetByTestId("sign-out").ClickAsync();
        await Expect(bob.GetByTestId("sign-in")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    private static void Configure(Dictionary<string, string> environment, IdentityProvider provider, HostProcess host)
    {
        environment["SignIn__Authority"] = provider.Authority.ToString();
        environment["SignIn__ClientId"] = IdentityProvider.ConsoleClientId;
        environment["SignIn__Audience"] = IdentityProvider.ApiAudience;
        environment["SignIn__RequireHttpsMetadata"] = "false";
        environment["SignIn__Requesters__0"] = "ovm-requesters";
        environment["SignIn__Approvers__0"] = "ovm-approvers";
        environment["SignIn__PublicUrl"] = host.BaseAddress.ToString();
        environment["OVM_SIGNIN_CLIENT_SECRET"] = IdentityProvider.ConsoleClientSecret;
        environment["Users__0__SignIn"] = Alice.Email;
        environment["Users__1__SignIn"] = Bob.Email;
        environment["Users__2__SignIn"] = Carol.Email;
    }

    private async Task<IPage> SignInAsync(HostProcess host, TestUser user, string roles)
    {
        var context = await console.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 960 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("user-roles")).ToHaveTextAsync("not signed in");
        await page.GetByTestId("sign-in").ClickAsync(new() { Timeout = NavigationTimeout });
        await FillProviderLoginAsync(page, user);
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {user.UserName}", new() { Timeout = NavigationTimeout });
        await Expect(page.GetByTestId("user-roles")).ToHaveTextAsync(roles);
        return page;
    }

    private static async Task FillProviderLoginAsync(IPage page, TestUser user)
    {
        await page.Locator("input[name=username]").FillAsync(user.UserName);
        await page.Locator("input[name=password]").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(new() { Timeout = NavigationTimeout });
    }

    /// <summary>
    /// The host's first challenge fetches the provider's metadata and loads the OpenID Connect stack; asked once
    /// here, outside the browser, so that a slow first answer on a loaded machine is not mistaken for a broken page.
    /// </summary>
    private static async Task SignInPathAnswersAsync(HostProcess host, IdentityProvider provider)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        using var challenge = await http.GetAsync(new Uri("/signin?returnUrl=%2F", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(provider.Authority.ToString(), challenge.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static ILocator Card(IPage page, string key) => page.Locator($"[data-testid=proposal][data-key='{key}']");

    /// <summary>The requester (no approver role) is offered no vote, and sees who can cast one.</summary>
    private static async Task RequesterIsRefused(IPage alice, string key)
    {
        await Expect(Card(alice, key).Locator("[data-vote]")).ToHaveCountAsync(0);
        await Expect(Card(alice, key).GetByTestId("can-vote")).ToContainTextAsync("not you (alice)");
        await Expect(Card(alice, key).Locator(".votes li")).ToHaveCountAsync(0);
    }

    /// <returns>1 when the approval needed a fresh sign-in, else 0.</returns>
    private static async Task<int> ApproveAsync(IPage page, TestUser user, string key, int votesAfter)
    {
        var card = Card(page, key);
        await Expect(card).ToHaveAttributeAsync("data-status", "Open", new() { Timeout = 15_000 });
        var dangerous = (await card.GetAttributeAsync("class"))!.Contains("card-dangerous", StringComparison.Ordinal);
        await card.Locator("[data-vote=approve]").ClickAsync();
        var freshSignIn = 0;
        var dialog = page.GetByTestId("confirm-dialog");
        if (dangerous)
        {
            await Expect(dialog).ToBeVisibleAsync();
            if ((await page.Locator("#confirm-title").TextContentAsync())!.StartsWith("Sign in again", StringComparison.Ordinal))
            {
                freshSignIn = 1;
                await page.Locator("#confirm-ok").ClickAsync();
                await Expect(page.GetByText("Sign in again to confirm it is you.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await FillProviderLoginAsync(page, user);
                await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await Expect(page.Locator("#confirm-title")).ToContainTextAsync("Approve a dangerous step");
            }

            await page.Locator("#confirm-ok").ClickAsync();
        }

        await Expect(Card(page, key).Locator(".votes li")).ToHaveCountAsync(votesAfter, new() { Timeout = 15_000 });
        return freshSignIn;
    }

    private static async Task VotesRecordTheSignedInPeople(IPage page)
    {
        var id = new Uri(page.Url).Fragment.Split('/').Last();
        var audit = await page.EvaluateAsync<JsonElement>($"fetch('/api/migrations/{id}/audit').then(r => r.json())");
        var approvals = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "approved").ToList();
        Assert.Equal(10, approvals.Count);
        Assert.Equal(["bob", "carol"], approvals.Select(a => a.GetProperty("actor").GetString()).Distinct().Order());
        Assert.All(approvals, a => Assert.Contains("authenticated via oidc, subject sub-", a.GetProperty("detail").GetString(), StringComparison.Ordinal));
    }

    private static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, $"{name}.png") });
}
