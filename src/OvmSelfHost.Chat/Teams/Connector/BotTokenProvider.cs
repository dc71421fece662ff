using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>
/// The bot's own token for the Connector API (client credentials, scope
/// <see cref="TeamsOptions.ConnectorScope"/>), cached until <see cref="RenewBefore"/> before it
/// expires. Thread-safe. The token and the password are never logged.
/// </summary>
public sealed class BotTokenProvider(HttpClient http, IOptions<TeamsOptions> options, TimeProvider time)
{
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1);
    private (string Token, DateTimeOffset ExpiresAt)? cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var issued = await RequestAsync(cancellationToken);
            cached = (issued.AccessToken!, time.GetUtcNow().AddSeconds(Math.Max(issued.ExpiresIn, 0)));
            return issued.AccessToken!;
        }
        finally
        {
            gate.Release();
        }
    }

    private string? Fresh() =>
        cached is { } c && c.ExpiresAt - RenewBefore > time.GetUtcNow() ? c.Token : null;

    private async Task<TokenResponse> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId!,
            ["client_secret"] = settings.AppPassword!,
            ["scope"] = TeamsOptions.ConnectorScope,
        });
        using var response = await http.PostAsync(new Uri(settings.EffectiveTokenEndpoint), form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new TeamsConnectorException("token", $"the token endpoint answered HTTP {(int)response.StatusCode}");
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token?.AccessToken is { Length: > 0 } ? token : throw new TeamsConnectorException("token", "the token endpoint answered without an access_token");
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
