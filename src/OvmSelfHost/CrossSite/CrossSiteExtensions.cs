namespace OvmSelfHost.CrossSite;

/// <summary>Cross-site protection of the JSON API and the console (see <see cref="CrossSiteGuard"/>).</summary>
public static class CrossSiteExtensions
{
    public static IHostApplicationBuilder AddCrossSiteProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = CrossSiteGuard.TokenHeader;
            options.Cookie.Name = "ovm-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    public static IApplicationBuilder UseCrossSiteProtection(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<CrossSiteGuard>();
    }
}
