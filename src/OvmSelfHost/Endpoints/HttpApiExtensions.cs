using System.Text.Json.Serialization;
using OvmSelfHost.CrossSite;

namespace OvmSelfHost.Endpoints;

/// <summary>What every HTTP surface shares: problem details, names on the wire, who is believed, cross-site protection.</summary>
public static class HttpApiExtensions
{
    public static IHostApplicationBuilder AddHttpApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        // Enumerations travel as their names ("Missing"), never as numbers a reader must look up.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<LocalMode>();
        builder.Services.AddApiCompression();
        builder.AddCrossSiteProtection();
        return builder;
    }

    public static IApplicationBuilder UseHttpApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A request the framework could not bind (?count=abc) is the caller's mistake: its 400, never a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseApiCompression();
        return app.UseCrossSiteProtection();
    }
}
