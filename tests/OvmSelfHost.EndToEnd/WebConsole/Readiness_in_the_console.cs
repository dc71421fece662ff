using System.Text.Json;
using OvmSelfHost.EndToEnd.Support;
using static Microsoft.Playwright.Assertions;

namespace OvmSelfHost.EndToEnd.WebConsole;

/// <summary>The standing readiness checks' last result, shown in the console's readiness panel as GET /api/readiness has it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Readiness_in_the_console(ConsoleFixture console)
{
    [Fact]
    public async Task CheckAskedInTheCommandBox_Panel_ShowsThePairsStatusAndEveryCheckThatDidNotPass()
    {
        var page = await console.OpenConsoleAsync();
        await page.SelectOptionAsync("#user", "alice");

        await page.GetByTestId("command").FillAsync("/ovm check A B");
        await page.GetByTestId("command").PressAsync("Enter");

        var pair = page.Locator("[data-testid=readiness-pair][data-pair=A-B]");
        await Expect(pair).ToBeVisibleAsync(new() { Timeout = 30_000 });
        using var http = new HttpClient { BaseAddress = console.Host.BaseAddress };
        var latest = JsonDocument.Parse(await http.GetStringAsync("/api/readiness")).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("pair").GetString() == "A-B");
        await Expect(pair).ToHaveAttributeAsync("data-status", latest.GetProperty("status").GetString()!);
        var problems = latest.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("status").GetString() != "Pass")
            .Select(c => c.GetProperty("name").GetString()!).ToList();
        await Expect(pair.GetByTestId("readiness-problem")).ToHaveCountAsync(problems.Count);
        foreach (var name in problems)
        {
            await Expect(pair.Locator($"[data-check='{name}']")).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "readiness-panel.png") });
    }
}
