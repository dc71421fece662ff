using System.Text.Json;
using Microsoft.Playwright;
using OvmSelfHost.EndToEnd.Support;
using static Microsoft.Playwright.Assertions;

namespace OvmSelfHost.EndToEnd.WebConsole;

/// <summary>
/// The web console on the embedded defaults, in Debian's Chromium: a two-phase migration started
/// from the command box and approved gate by gate as two different people, on a desktop (1440×900)
/// and on a phone (390×844), every other gate by keyboard ("d", Enter) and the others by clicks.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class Running_a_migration_in_the_browser(ConsoleFixture console)
{
    private static readonly TimeSpan Whole = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task StartFromCommandBox_ApproveEveryGateByKeyboardAndClicks_ReachesCompletedWithNoInventoryDifference(int width, int height)
    {
        var phone = width < 800;
        var size = phone ? "phone" : "desktop";
        // A host of its own: after a whole migration A and B are migrated, so the other size could not run one.
        await using var host = new HostProcess();
        await host.StartAsync();
        var page = await console.OpenConsoleAsync(width, height, host);
        await Shot(page, $"01-welcome-{size}");
        await NoSeriousAccessibilityViolation(page, "welcome");

        if (phone)
        {
            // The list and the conversation are a drawer on a phone.
            await Expect(page.GetByTestId("command")).Not.ToBeVisibleAsync();
            await page.GetByTestId("drawer-toggle").ClickAsync();
        }

        await page.SelectOptionAsync("#user", "alice");
        await page.GetByTestId("command").FillAsync("/ovm start A B now");
        await page.GetByTestId("command").PressAsync("Enter");
        await Expect(page.GetByTestId("run-head")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The page may first show an earlier test's completed run: wait until the new one is shown.
        await Expect(page.GetByTestId("run-state")).Not.ToHaveTextAsync("Completed", new() { Timeout = 15_000 });
        if (phone)
        {
            await page.GetByTestId("drawer-toggle").ClickAsync();
            await Expect(page.GetByTestId("command")).Not.ToBeVisibleAsync();
        }

        var focusChecked = false;
        var deadline = DateTime.UtcNow + Whole;
        var gates = 0;
        var sawDangerous = false;
        while (await page.GetByTestId("run-state").TextContentAsync() != "Completed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not completed after {Whole}: {await page.GetByTestId("status-message").TextContentAsync()}");
            Assert.True(await page.GetByTestId("run-state").TextContentAsync() != "Failed", $"Failed: {await page.GetByTestId("status-message").TextContentAsync()}");
            var open = page.Locator("[data-testid=open-proposals] [data-testid=proposal][data-status=Open]");
            if (await open.CountAsync() == 0)
            {
                await Task.Delay(200);
                continue;
            }

            var key = await open.First.GetAttributeAsync("data-key") ?? throw new InvalidOperationException("A card without a key.");
            var card = page.Locator($"[data-testid=proposal][data-key='{key}']");
            if (gates == 0)
            {
                await NonVoter_SeesNoButtons_ButWhoCan(page, card);
                await Shot(page, $"02-first-proposal-{size}");
                await NoSeriousAccessibilityViolation(page, "first proposal");
                await Expect(page.GetByTestId("now-waits")).ToContainTextAsync("bob");
                if (phone)
                {
                    await FitsThePhone(page);
                }
            }

            var dangerous = (await card.GetAttributeAsync("class"))!.Contains("card-dangerous", StringComparison.Ordinal);
            if (dangerous && !sawDangerous)
            {
                sawDangerous = true;
                await DangerousStep_AsksForConfirmation_AndCancelSendsNothing(page, card);
            }

            var voters = gates % 2 == 0 ? new[] { "bob", "carol" } : ["carol", "bob"];
            var first = 0;
            if (!focusChecked && (await card.Locator(".card-actions .muted").TextContentAsync())!.Contains("of 2", StringComparison.Ordinal))
            {
                focusChecked = true;
                await FocusSurvivesAnotherPersonsVote(page, card, key, focused: voters[1], other: voters[0]);
                first = 1;
            }

            for (var i = first; i < voters.Length && await card.GetAttributeAsync("data-status") == "Open"; i++)
            {
                await ApproveAsync(page, card, voters[i], dangerous, votesAfter: i + 1, byKeyboard: gates % 2 == 0);
                if (await card.GetAttributeAsync("data-status") == "Open")
                {
                    // Someone who already voted is offered no second vote.
                    await Expect(card.Locator("[data-vote]")).ToHaveCountAsync(0);
                    await Expect(card.GetByTestId("can-vote")).ToContainTextAsync("you already voted");
                }
            }

            await Expect(card).Not.ToHaveAttributeAsync("data-status", "Open", new() { Timeout = 15_000 });
            await Expect(card.Locator("[data-vote]")).ToHaveCountAsync(0);
            gates++;
        }

        Assert.True(sawDangerous, "No dangerous gate was met.");
        Assert.True(focusChecked, "No two-approver gate was met.");
        Assert.Equal(8, gates);
        foreach (var phase in new[] { 1, 2 })
        {
            var diff = page.GetByTestId($"diff-phase-{phase}");
            await Expect(diff.GetByTestId("diff-table")).ToBeVisibleAsync();
            await Expect(diff.Locator("tr.diff-row")).ToHaveCountAsync(0);
            await Expect(diff.Locator("tr.diff-none")).ToHaveCountAsync(1);
        }

        // 13 steps per phase, both phases (the HA drill is the 12th of each).
        await Expect(page.GetByTestId("step")).ToHaveCountAsync(26);
        await Expect(page.Locator("[data-testid=step]:not([data-status=Succeeded]):not([data-status=Skipped])")).ToHaveCountAsync(0);
        // The state picture: lanes of states, the current one highlighted; the whole graph on demand.
        await Expect(page.Locator("#graph .state-box.current")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#graph .exits")).ToContainTextAsync("end state");
        await page.Locator("#graph summary").ClickAsync();
        await Expect(page.Locator("#graph svg")).ToBeVisibleAsync();
        // Phase 1 is finished and folded while phase 2 shows: its steps come back on demand.
        await Expect(page.Locator("[data-toggle='1.InstallManager']")).Not.ToBeVisibleAsync();
        await page.Locator("[data-toggle='phase-1']").ClickAsync();
        await page.Locator("[data-toggle='1.InstallManager']").ClickAsync();
        await Expect(page.Locator("[data-output='1.InstallManager']")).ToContainTextAsync("Oracle VM Manager installed.");
        await Shot(page, $"05-migration-completed-{size}");
        if (phone)
        {
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The completed run scrolls sideways at 390 px.");
        }

        await NoSeriousAccessibilityViolation(page, "completed migration");
        var took = await page.GetByTestId("run-duration").TextContentAsync();
        await Task.Delay(1_100);
        await Expect(page.GetByTestId("run-duration")).ToHaveTextAsync(took!);
        await page.Locator(".graph-panel").ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, $"08-state-graph-{size}.png") });
        await page.GetByTestId("diff-phase-2").ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, $"09-inventory-diff-{size}.png") });
        // Gates that opened while the viewer could decide them were said in the conversation.
        await Expect(page.GetByTestId("messages")).ToContainTextAsync("Decision needed:");
        await VotesRecordThePickedPeople(page);
        await StaleVote_IsRefusedWithAClearMessage(page);
    }

    [Fact]
    public async Task UnknownCommand_ShowsAClearMessage_AndChangesNothing()
    {
        var page = await console.OpenConsoleAsync();
        var before = await page.GetByTestId("migration-item").CountAsync();
        await page.GetByTestId("command").FillAsync("/ovm frobnicate A B");
        await page.GetByTestId("command").PressAsync("Enter");

        await Expect(page.GetByTestId("message-error").Last).ToContainTextAsync("Unknown command 'frobnicate'");
        await Expect(page.GetByTestId("message-error").Last).ToContainTextAsync("/ovm help");
        await Expect(page.GetByTestId("migration-item")).ToHaveCountAsync(before);
        await Shot(page, "06-unknown-command");
    }

    private static async Task NonVoter_SeesNoButtons_ButWhoCan(IPage page, ILocator card)
    {
        await page.SelectOptionAsync("#user", "alice");
        await Expect(card.Locator("[data-vote]")).ToHaveCountAsync(0);
        await Expect(card.GetByTestId("can-vote")).ToContainTextAsync("bob");
        await Expect(card.GetByTestId("can-vote")).ToContainTextAsync("carol");
        await Expect(card.GetByTestId("can-vote")).ToContainTextAsync("not you (alice)");
        await Expect(card.Locator(".votes li")).ToHaveCountAsync(0);
        await Expect(card).ToHaveAttributeAsync("data-status", "Open");
        Assert.DoesNotContain("(", await page.TitleAsync(), StringComparison.Ordinal);
        await page.SelectOptionAsync("#user", "bob");
        await Expect(card.Locator("[data-vote=approve]")).ToHaveCountAsync(1);
        // The title counts the decisions waiting for the viewer.
        await Expect(page).ToHaveTitleAsync("(1) OvmSelfHost console");
    }

    /// <summary>
    /// The viewer's keyboard focus is on Approve (reached with the "d" shortcut) when someone else's
    /// vote arrives through the event stream: the card is redrawn and the focus stays on Approve.
    /// </summary>
    private static async Task FocusSurvivesAnotherPersonsVote(IPage page, ILocator card, string key, string focused, string other)
    {
        await page.SelectOptionAsync("#user", focused);
        await page.Locator("#main").FocusAsync();
        await page.Keyboard.PressAsync("d");
        Assert.Equal(key, await page.EvaluateAsync<string>("() => document.activeElement.dataset.vote === 'approve' ? document.activeElement.dataset.key : 'focus on ' + document.activeElement.outerHTML.slice(0, 80)"));
        var vote = $"fetch('/api/session').then(r => r.json()).then(s => fetch('/api/proposals/{key}/votes', {{ method: 'POST', headers: {{ 'Content-Type': 'application/json', 'X-OVM-Antiforgery': s.antiforgeryToken }}, body: JSON.stringify({{ user: '{other}', decision: 'approve', deliveryId: crypto.randomUUID() }}) }})).then(r => r.status)";
        Assert.Equal(200, await page.EvaluateAsync<int>(vote));
        await Expect(card.Locator(".votes li")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        Assert.Equal(key, await page.EvaluateAsync<string>("() => document.activeElement.dataset.vote === 'approve' ? document.activeElement.dataset.key : 'focus on ' + document.activeElement.outerHTML.slice(0, 80)"));
    }

    /// <summary>At 390 px: nothing wider than the screen, the decision card above the steps, buttons big enough for a thumb.</summary>
    private static async Task FitsThePhone(IPage page)
    {
        var wider = await page.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth ? '' :
              [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(-5).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px): ${e.textContent.slice(0, 60)}`).join(' | ')
            """);
        Assert.True(wider.Length == 0, $"The page scrolls sideways at 390 px; wider than the screen: {wider}");
        var decision = await page.Locator("#decision").BoundingBoxAsync();
        var steps = await page.GetByTestId("phase-1").BoundingBoxAsync();
        Assert.True(decision!.Y < steps!.Y, $"The decision card (y={decision.Y}) is below the steps (y={steps.Y}).");
        var approve = await page.Locator("#decision [data-vote=approve]").First.BoundingBoxAsync();
        Assert.True(approve!.Height >= 44 && approve.Width >= 44, $"Approve is {approve.Width}×{approve.Height} px: too small to tap.");
    }

    private static async Task NoSeriousAccessibilityViolation(IPage page, string screen)
    {
        var violations = await Accessibility.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe-core on the {screen} screen:\n{string.Join("\n", violations)}");
    }

    private static async Task DangerousStep_AsksForConfirmation_AndCancelSendsNothing(IPage page, ILocator card)
    {
        await page.SelectOptionAsync("#user", "bob");
        await card.Locator("[data-vote=approve]").ClickAsync();
        var dialog = page.GetByTestId("confirm-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Approve a dangerous step");
        await Shot(page, $"03-dangerous-confirmation-{page.ViewportSize!.Width}");
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(dialog).Not.ToBeVisibleAsync();
        await Task.Delay(300);
        await Expect(card.Locator(".votes li")).ToHaveCountAsync(0);
        await Expect(card).ToHaveAttributeAsync("data-status", "Open");
        var size = page.ViewportSize!.Width < 800 ? "phone" : "desktop";
        await Shot(page, $"04-migration-view-{size}");
        if (Environment.GetEnvironmentVariable("OVM_UPDATE_README_SCREENSHOT") == "1")
        {
            // From the top: the now strip, then the decision card (the cancelled dialog left the page scrolled to it).
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.Locator("#main").EvaluateAsync("m => m.scrollTop = 0");
            await page.ScreenshotAsync(new() { Path = Path.Combine(HostProcess.RepositoryRoot, "docs", "screenshots", size == "phone" ? "console-phone.png" : "migration-view.png") });
        }
    }

    /// <param name="byKeyboard">"d" jumps to the decision, Enter approves and confirms; else clicks (taps).</param>
    private static async Task ApproveAsync(IPage page, ILocator card, string user, bool dangerous, int votesAfter, bool byKeyboard)
    {
        await page.SelectOptionAsync("#user", user);
        if (byKeyboard)
        {
            await page.Locator("#main").FocusAsync();
            await page.Keyboard.PressAsync("d");
            await Expect(card.Locator("[data-vote=approve]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
        }
        else
        {
            await card.Locator("[data-vote=approve]").ClickAsync();
        }

        if (dangerous)
        {
            await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
            if (byKeyboard)
            {
                await Expect(page.Locator("#confirm-ok")).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("Enter");
            }
            else
            {
                await page.Locator("#confirm-ok").ClickAsync();
            }
        }

        await Expect(card.Locator(".votes li")).ToHaveCountAsync(votesAfter, new() { Timeout = 15_000 });
    }

    private static async Task VotesRecordThePickedPeople(IPage page)
    {
        var id = new Uri(page.Url).Fragment.Split('/').Last();
        var json = await page.EvaluateAsync<JsonElement>($"fetch('/api/migrations/{id}').then(r => r.json())");
        var votes = json.GetProperty("steps").EnumerateArray()
            .SelectMany(s => s.GetProperty("approval").GetProperty("votes").EnumerateArray())
            .Select(v => (User: v.GetProperty("user").GetString(), Channel: v.GetProperty("channel").GetString()))
            .ToList();
        Assert.Equal(10, votes.Count);
        Assert.All(votes, v => Assert.Equal("web", v.Channel));
        Assert.Equal(["bob", "carol"], votes.Select(v => v.User).Distinct().Order());
    }

    private static async Task StaleVote_IsRefusedWithAClearMessage(IPage page)
    {
        var key = await page.Locator("[data-testid=proposal]").First.GetAttributeAsync("data-key");
        var vote = $"(token) => fetch('/api/proposals/{key}/votes', {{ method: 'POST', headers: Object.assign({{ 'Content-Type': 'application/json' }}, token ? {{ 'X-OVM-Antiforgery': token }} : {{}}), body: JSON.stringify({{ user: 'bob', decision: 'approve' }}) }}).then(async r => ({{ status: r.status, body: await r.json() }}))";
        var withoutToken = await page.EvaluateAsync<JsonElement>($"({vote})(null)");
        Assert.Equal(403, withoutToken.GetProperty("status").GetInt32());
        Assert.Contains("anti-forgery", withoutToken.GetProperty("body").GetProperty("detail").GetString(), StringComparison.Ordinal);

        var answer = await page.EvaluateAsync<JsonElement>($"fetch('/api/session').then(r => r.json()).then(s => ({vote})(s.antiforgeryToken))");
        Assert.Equal(409, answer.GetProperty("status").GetInt32());
        Assert.Contains("is no longer waiting", answer.GetProperty("body").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task Shot(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, $"{name}.png"), FullPage = fullPage });
}
