using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Teams;

/// <summary>
/// Teams local mode only on a host nobody else can reach: every address it is configured to listen on
/// (<c>urls</c> / <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints:*:Url</c>) must be loopback, and no
/// <c>http_ports</c>/<c>https_ports</c> (which bind every interface). With nothing configured Kestrel
/// listens on localhost, which passes.
/// </summary>
public sealed class TeamsLocalModeValidator(IConfiguration configuration) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!options.LocalMode)
        {
            return ValidateOptionsResult.Success;
        }

        var open = ListenAddresses(configuration).Where(a => !IsLoopback(a)).ToList();
        if (!string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            open.Add("every interface (http_ports/https_ports)");
        }

        return open.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Teams:LocalMode accepts activities without authentication, so it runs only on a host that listens on loopback alone; this one listens on {string.Join(", ", open)}. "
                + "Set urls to http://127.0.0.1:<port> for the Agents Playground, or turn Teams:LocalMode off and set Teams:AppId and Teams:AppPassword.");
    }

    /// <summary>The addresses the host is configured to listen on, as written.</summary>
    public static IReadOnlyList<string> ListenAddresses(IConfiguration configuration)
    {
        var addresses = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses;
    }

    /// <summary>Loopback by name or address; a wildcard (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) or anything unreadable is not.</summary>
    public static bool IsLoopback(string address)
    {
        var normalized = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }
}
