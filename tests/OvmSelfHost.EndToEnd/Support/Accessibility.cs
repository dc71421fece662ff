using System.Text.Json;
using Microsoft.Playwright;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>Runs axe-core (npm, fetched by scripts/test.sh) inside a page and returns its serious and critical violations.</summary>
public static class Accessibility
{
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!File.Exists(ConsoleFixture.AxePath))
        {
            throw new InvalidOperationException($"{ConsoleFixture.AxePath} is missing: run scripts/test.sh once (it fetches axe-core with npm pack).");
        }

        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = ConsoleFixture.AxePath });
        }

        var result = await page.EvaluateAsync<JsonElement>(
            "() => axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))");
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
