using OvmSelfHost.EndToEnd.Support;
using static Microsoft.Playwright.Assertions;

namespace OvmSelfHost.EndToEnd.WebConsole;

/// <summary>The host goes away in the middle of a session and comes back: the page says so and recovers by itself.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Losing_the_host(ConsoleFixture console)
{
    [Fact]
    public async Task HostStops_PageSaysSoAndRefusesToSend_ThenRecoversWhenItIsBack()
    {
        var page = await console.OpenConsoleAsync();

        await console.Host.StopAsync();
        await Expect(page.GetByTestId("connection")).ToContainTextAsync("unreachable", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("banner")).ToContainTextAsync("Lost contact with the host");
        await Expect(page.GetByTestId("command")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "07-host-gone.png") });

        await console.Host.StartAsync();
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("banner")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("command")).ToBeEnabledAsync();

        await page.GetByTestId("command").FillAsync("/ovm help");
        await page.GetByTestId("command").PressAsync("Enter");
        await Expect(page.GetByTestId("message-reply").Last).ToContainTextAsync("/ovm start");
    }
}
