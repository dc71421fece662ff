using System.Text.Json;
using OvmSelfHost.EndToEnd.Support;

namespace OvmSelfHost.EndToEnd.WebConsole;

/// <summary>
/// A page of another origin, open in the operator's Chromium, tries to start a migration through the
/// local console's API in each way a page can send a request without asking: a "simple" no-cors
/// fetch, a CORS fetch with JSON, and a form posted into a hidden frame. None lands.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class Another_site_in_the_browser(ConsoleFixture console)
{
    [Fact]
    public async Task PageOfAnotherOrigin_PostsToTheApi_NothingChanges()
    {
        using var http = new HttpClient { BaseAddress = console.Host.BaseAddress };
        var before = await http.GetStringAsync("/api/migrations");
        var page = await (await console.Browser.NewContextAsync()).NewPageAsync();
        // localhost and 127.0.0.1 are two origins for the browser, served by the same host.
        await page.GotoAsync($"http://localhost:{console.Host.BaseAddress.Port}/");
        var target = $"http://127.0.0.1:{console.Host.BaseAddress.Port}";

        var outcomes = await page.EvaluateAsync<JsonElement>($$"""
            async () => {
              const body = JSON.stringify({ user: 'alice', text: '/ovm start A B now' });
              const simple = await fetch('{{target}}/api/commands', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body })
                .then(r => r.type, e => 'error: ' + e.message);
              const cors = await fetch('{{target}}/api/commands', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
                .then(r => 'status ' + r.status, e => 'error: ' + e.message);
              const frame = document.createElement('iframe'); frame.name = 'sink'; document.body.appendChild(frame);
              const form = document.createElement('form'); form.method = 'POST'; form.action = '{{target}}/api/migrations'; form.target = 'sink';
              form.enctype = 'text/plain';
              const field = document.createElement('input'); field.name = '{"environments":["A","B"],"requestedBy":"alice","x":"'; field.value = '"}';
              form.appendChild(field); document.body.appendChild(form);
              const loaded = new Promise(resolve => frame.onload = resolve);
              form.submit(); await loaded;
              return { simple, cors };
            }
            """);

        Assert.Equal("opaque", outcomes.GetProperty("simple").GetString());
        Assert.StartsWith("error", outcomes.GetProperty("cors").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await http.GetStringAsync("/api/migrations"));
    }
}
