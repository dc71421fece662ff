using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OvmSelfHost.Simulator.Control;
using OvmSelfHost.Simulator.Scenarios;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>
/// A running simulator: simulated Oracle VM managers (one HTTPS and one HTTP listener each) and the control API.
/// Start it with <see cref="StartAsync"/>; dispose it to close every listener.
/// </summary>
public sealed class OvmSimulator : IAsyncDisposable
{
    private readonly SimulatorRuntime runtime;
    private readonly WebApplication control;

    private OvmSimulator(SimulatorRuntime runtime, WebApplication control, Uri controlUrl)
    {
        this.runtime = runtime;
        this.control = control;
        ControlUrl = controlUrl;
    }

    /// <summary>Base URL of the control API, e.g. <c>http://127.0.0.1:7000/</c> (paths start with <c>sim/</c>).</summary>
    public Uri ControlUrl { get; }

    public SimulatorOptions Options => runtime.Options;

    /// <summary>Every manager, including those installed later, with their actual URLs.</summary>
    public IReadOnlyList<SimulatedManagerInfo> Managers
    {
        get
        {
            var world = runtime.World;
            lock (world.Gate)
            {
                return world.Managers.Select(m => ManagerDescription.Of(world, m, runtime.Options.BindAddress)).ToList();
            }
        }
    }

    public SimulatedManagerInfo Manager(string name) =>
        Managers.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No simulated manager named {name}");

    internal SimulatorRuntime Runtime => runtime;

    /// <summary>How many saved changes were made again at start from <see cref="SimulatorOptions.StatePath"/> (0: a fresh world).</summary>
    public int ResumedChanges => runtime.Resumed;

    /// <summary>Applies every change due by now (useful after advancing a fake clock) and opens or closes listeners.</summary>
    public Task SyncAsync(CancellationToken ct = default) => runtime.SyncAsync(ct);

    public static async Task<OvmSimulator> StartAsync(SimulatorOptions options, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = ScenarioLoader.Load(options.Scenario);
        var runtime = new SimulatorRuntime(options, time ?? TimeProvider.System);
        try
        {
            await runtime.StartAsync(scenario, ct);
            var (control, url) = await StartControlAsync(runtime, ct);
            return new OvmSimulator(runtime, control, url);
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    private static async Task<(WebApplication App, Uri Url)> StartControlAsync(SimulatorRuntime runtime, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        var options = runtime.Options;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.BindAddress), options.Port(options.ControlPort)));
        var app = builder.Build();
        app.Use(ReportFailuresAsync);
        app.MapControlApi(runtime);
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return (app, new Uri($"http://{options.BindAddress}:{address.Port}/"));
    }

    private static async Task ReportFailuresAsync(HttpContext ctx, RequestDelegate next)
    {
        try
        {
            await next(ctx);
        }
        catch (Exception e) when (!ctx.Response.HasStarted && e is not OperationCanceledException)
        {
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await ctx.Response.WriteAsJsonAsync(new ControlError($"{e.GetType().Name}: {e.Message}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await control.StopAsync(grace.Token);
        }
        await control.DisposeAsync();
        await runtime.DisposeAsync();
    }
}
