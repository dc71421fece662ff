using Microsoft.Playwright;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>One real host and one headless Debian Chromium, shared by the web console tests.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Installed by scripts/test.sh (Debian's chromium package); Playwright cannot download a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public HostProcess Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh (it installs Debian's chromium) or apt-get install chromium.");
        }

        Directory.CreateDirectory(Artifacts.Screenshots);
        await Host.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task<IPage> OpenConsoleAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 960 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
