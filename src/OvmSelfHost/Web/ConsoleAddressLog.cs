using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OvmSelfHost.Web;

/// <summary>
/// Says once the host is listening where to open the console: Kestrel's own "Now listening on" line is easy
/// to miss among the start-up lines, and a newcomer's first question is which address to open.
/// </summary>
internal static partial class ConsoleAddressLog
{
    public static void AnnounceWhenStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OvmSelfHost.Web.Console");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { Count: > 0 })
            {
                ConsoleAt(logger, string.Join(", ", addresses.Select(a => a.EndsWith('/') ? a : a + "/")));
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web console: open {Addresses} in a browser")]
    private static partial void ConsoleAt(ILogger logger, string addresses);
}
