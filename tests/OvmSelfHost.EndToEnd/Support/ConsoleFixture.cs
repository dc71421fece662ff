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

    /// <summary>axe-core from npm, fetched by scripts/test.sh; injected into pages to check accessibility.</summary>
    public static string AxePath { get; } = Path.Combine(Artifacts.Folder, "axe", "axe.min.js");

    /// <param name="width">The viewport: 1440×960 by default, 390×844 for a phone.</param>
    /// <param name="host">Another host than the shared one: a whole migration needs a world of its own (A and B end migrated).</param>
    public async Task<IPage> OpenConsoleAsync(int width = 1440, int height = 960, HostProcess? host = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (host ?? Host).BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = width < 800,
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

