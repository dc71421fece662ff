using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OvmSelfHost.Endpoints;

/// <summary>
/// Until the channels carry real identities, a "user" field in a request is believed only when the
/// host listens on loopback alone, where whoever calls is already on the machine.
/// </summary>
public sealed class LocalMode(IServer server)
{
    public bool IsLocal => Addresses().All(IsLoopback);

    public IReadOnlyList<string> Addresses() => server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static bool IsLoopback(string address)
    {
        var uri = new Uri(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
