using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace OvmSelfHost.Endpoints;

/// <summary>
/// Compresses the migration API's JSON (a run's detail is ~14 KB of mostly repeated step texts, ~2.5 KB
/// compressed), which the console fetches on every change of the run it shows (issue 15: ≤ 5 KB per change).
/// Also over HTTPS: BREACH needs a secret in the same body as attacker-chosen text, and these bodies hold
/// no secret (the anti-forgery token travels in /api/session, which stays uncompressed, as do the event
/// stream and everything else).
/// </summary>
internal static class ApiCompression
{
    private const string Compressed = "/api/migrations";

    public static IServiceCollection AddApiCompression(this IServiceCollection services) =>
        services
            .Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest)
            .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest)
            .AddResponseCompression(o =>
            {
                o.EnableForHttps = true;
                o.Providers.Add<BrotliCompressionProvider>();
                o.Providers.Add<GzipCompressionProvider>();
            });

    public static IApplicationBuilder UseApiCompression(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Compressed, StringComparison.OrdinalIgnoreCase), b => b.UseResponseCompression());
}
