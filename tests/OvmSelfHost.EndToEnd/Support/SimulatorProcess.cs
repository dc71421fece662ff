using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>
/// The simulator as a program of its own (<c>dotnet OvmSelfHost.Simulator.dll</c>), on a free block of ports:
/// it keeps running while the host is killed and restarted, so its world and its statistics survive the host.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly int offset = HostProcess.FreeSimulatorOffset();
    private Process? process;
    private StreamWriter? log;

    public Uri ControlUrl => new($"http://127.0.0.1:{7000 + offset}/");

    public HttpClient Control { get; private set; } = null!;

    /// <summary>What the host needs to reach this simulator instead of embedding one.</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Ovm__Adapter"] = "Simulator",
        ["Simulator__Enabled"] = "false",
        ["Ovm__SimulatorControlUrl"] = ControlUrl.ToString(),
        ["Simulator__PortOffset"] = offset.ToString(CultureInfo.InvariantCulture),
    };

    public async Task StartAsync(double timeScale, object settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.Built("OvmSelfHost.Simulator"));
        start.ArgumentList.Add($"--Simulator:PortOffset={offset}");
        start.ArgumentList.Add($"--Simulator:TimeScale={timeScale.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--Simulator:StatePath=");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        Directory.CreateDirectory(Artifacts.Folder);
        log = new StreamWriter(Path.Combine(Artifacts.Folder, $"simulator-{7000 + offset}.log"), append: true) { AutoFlush = true };
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the simulator.");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Control = new HttpClient { BaseAddress = ControlUrl, Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilUpAsync();
        (await Control.PutAsJsonAsync("sim/settings", settings)).EnsureSuccessStatusCode();
    }

    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await Control.GetStringAsync(new Uri(path, UriKind.Relative)))!;

    /// <summary>Every side effect the simulator counted: installer runs per host, jobs per manager and name, service starts and stops.</summary>
    public async Task<Dictionary<string, int>> EffectsAsync()
    {
        var effects = (await GetAsync("sim/stats"))["effects"]!;
        var all = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (host, count) in effects["installerRuns"]!.AsObject())
        {
            all[$"installer on {host}"] = count!.GetValue<int>();
        }

        foreach (var (job, count) in effects["jobs"]!.AsObject())
        {
            all[job] = count!.GetValue<int>();
        }

        foreach (var (action, count) in effects["serviceActions"]!.AsObject())
        {
            all[action] = count!.GetValue<int>();
        }

        return all;
    }

    private async Task WaitUntilUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"The simulator exited with code {process.ExitCode}; see {Artifacts.Folder}/simulator-{7000 + offset}.log.");
            }

            try
            {
                if ((await Control.GetAsync(new Uri("sim/managers", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The simulator did not answer at {ControlUrl} within 180 s (a start is a wait, not a measure).");
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (this)
            {
                log?.WriteLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Control?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        log?.Dispose();
    }
}
