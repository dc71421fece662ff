using System.Net.Http.Json;
using System.Text.Json;

namespace OvmSelfHost.Tests.Support;

internal static class Json
{
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Polls a migration until <paramref name="done"/> holds: the work runs in the background.</summary>
    public static async Task<JsonElement> WaitForAsync(this HttpClient client, Guid id, Func<JsonElement, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await (await client.GetAsync($"/api/migrations/{id}")).ReadAsync();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Migration {id} did not get there; last seen: {last}");
    }
}
