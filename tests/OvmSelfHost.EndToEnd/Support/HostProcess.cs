using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>
/// The real host program, started as <c>dotnet OvmSelfHost.dll</c> from the repository root on the
/// embedded defaults, with its own SQLite file and saved simulator world, a free HTTP port, simulator
/// ports of its own and a fast simulator clock. Its output goes to test-artifacts/host-*.log.
/// <paramref name="environment"/> overrides settings (for example to reach a standalone simulator).
/// </summary>
public sealed class HostProcess(IReadOnlyDictionary<string, string>? environment = null) : IAsyncDisposable
{
    private readonly string database = Path.Combine(Path.GetTempPath(), $"ovm-e2e-{Guid.NewGuid():N}.db");
    private readonly int simulatorOffset = FreeSimulatorOffset();
    private readonly int port = FreePort();
    private Process? process;
    private StreamWriter? log;

    public Uri BaseAddress => new($"http://127.0.0.1:{port}");

    /// <summary>The host's SQLite database (it outlives kills and restarts).</summary>
    public string DatabasePath => database;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The embedded simulator's saved world, next to the database (as data/ is on the default).</summary>
    public string SimulatorStatePath => database + ".simulator-world.jsonl";

    /// <summary>The embedded simulator's control API (when the host embeds it).</summary>
    public Uri EmbeddedSimulatorControl => new($"http://127.0.0.1:{7000 + simulatorOffset}/");

    /// <summary>How many times the host was started.</summary>
    public int Starts { get; private set; }

    /// <summary>A build output of this repository, in the configuration the tests were built in.</summary>
    public static string Built(string project)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first: {dll} is missing.", dll);
    }

    public async Task StartAsync()
    {
        var dll = Built("OvmSelfHost");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__ConnectionString"] = $"Data Source={database}";
        start.Environment["Ovm__Adapter"] = "Simulator";
        start.Environment["Simulator__PortOffset"] = simulatorOffset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Simulator__TimeScale"] = "20";
        start.Environment["Simulator__StatePath"] = SimulatorStatePath;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(Artifacts.Folder);
        log ??= new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Starts++;
        await WaitUntilHealthyAsync();
    }

    /// <summary>Where this host's output goes.</summary>
    public string LogPath => Path.Combine(Artifacts.Folder, $"host-{port}.log");

    /// <summary>Freezes the host with SIGSTOP: it keeps its sockets and connections but runs no code until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        Signal(Signals.Stop);
        IsPaused = true;
    }

    /// <summary>Lets a paused host run on (SIGCONT), with whatever it was about to do.</summary>
    public void Resume()
    {
        Signal(Signals.Continue);
        IsPaused = false;
    }

    public bool IsPaused { get; private set; }

    private void Signal(string signal)
    {
        if (process is not { HasExited: false } || Signals.Kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"Signal {signal} to the host at {BaseAddress} failed.");
        }
    }

    /// <summary>Kills the host with SIGKILL (Process.Kill on Linux) at whatever it is doing, keeping its database for a restart.</summary>
    public Task KillAsync() => StopAsync();

    /// <summary>Kills the host (the console should notice), keeping its database for a restart.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        log?.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(database) + "*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// How long a start may take before the test gives up. Generous on purpose: a start is a wait, not a measure, and
    /// the drills restart hosts while several others run on the same 2 cores (a start once took more than 60 s).
    /// </summary>
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(180);

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartBudget;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}; see {Artifacts.Folder}/host-{port}.log.");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host did not become healthy at {BaseAddress} within {StartBudget.TotalSeconds} s; see {LogPath}.");
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

    /// <summary>
    /// The simulator listens on 7000..7049 plus an offset: pick an offset whose 50 ports are free now and were not
    /// handed out before (each restarted host of a drill takes one, so the blocks go up to 15000, below the ephemeral range).
    /// </summary>
    public static int FreeSimulatorOffset()
    {
        for (var offset = 300; offset + 7050 <= 15000; offset += 50)
        {
            if (!HandedOutOffsets.ContainsKey(offset) && Enumerable.Range(7000 + offset, 50).All(IsFree) && HandedOutOffsets.TryAdd(offset, true))
            {
                return offset;
            }
        }

        throw new InvalidOperationException("No free block of 50 ports for the simulator between 7300 and 15000.");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> HandedOutOffsets = new();

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OvmSelfHost.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OvmSelfHost.sln above {AppContext.BaseDirectory}.");
    }
}
