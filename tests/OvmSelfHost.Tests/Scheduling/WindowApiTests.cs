using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Scheduling;

public sealed class WindowApiTests
{
    private static readonly Dictionary<string, string> Window = new()
    {
        ["MaintenanceWindows:0:Name"] = "saturday-night",
        ["MaintenanceWindows:0:Cron"] = "0 0 22 ? * SAT",
        ["MaintenanceWindows:0:Duration"] = "06:00:00",
        ["MaintenanceWindows:0:TimeZone"] = "Europe/Berlin",
        ["MaintenanceWindows:0:ExcludedDates:0"] = "2027-03-27",
    };

    private static Action<IServiceCollection> At(DateTimeOffset now) =>
        services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now)));

    [Fact]
    public async Task Next_openings_honour_the_cron_the_zone_the_excluded_dates_and_daylight_saving()
    {
        await using var host = new HostFactory(settings: Window, services: At(new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.Zero)));

        var windows = await (await host.CreateClient().GetAsync("/api/windows?count=3")).ReadAsync();

        var window = Assert.Single(windows.EnumerateArray());
        Assert.Equal("saturday-night", window.GetProperty("name").GetString());
        Assert.Equal("2027-03-20T22:00:00+01:00", window.GetProperty("next").GetProperty("opensAt").GetString());
        Assert.Equal("2027-03-21T04:00:00+01:00", window.GetProperty("next").GetProperty("closesAt").GetString());
        var openings = window.GetProperty("openings").EnumerateArray().Select(o => o.GetProperty("opensAt").GetString()).ToList();
        // The 27th is excluded; from the 28th Berlin is on summer time.
        Assert.Equal(["2027-03-20T22:00:00+01:00", "2027-04-03T22:00:00+02:00", "2027-04-10T22:00:00+02:00"], openings);
    }

    [Fact]
    public async Task The_windows_command_lists_the_coming_openings()
    {
        await using var host = new HostFactory(settings: Window, services: At(new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.Zero)));

        var reply = await (await host.CreateClient().PostJsonAsync("/api/commands", new { user = "alice", text = "/ovm windows" })).ReadAsync();

        var text = reply.GetProperty("text").GetString();
        Assert.Contains("saturday-night: cron '0 0 22 ? * SAT' in Europe/Berlin, 06:00 long, not on 2027-03-27", text);
        Assert.Contains("opens 2027-03-20 22:00 +01:00 until 2027-03-21 04:00 +01:00", text);
    }

    [Fact]
    public async Task Window_timers_are_kept_in_the_database_and_survive_a_restart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ovm-quartz-{Guid.NewGuid():N}.db");
        for (var start = 0; start < 2; start++)
        {
            await using var host = new HostFactory(databaseFile: file, settings: Window);
            _ = await host.CreateClient().GetAsync("/healthz");
            var triggers = await WaitForTriggersAsync(file);
            Assert.Equal(["edge-saturday-night", "open-saturday-night"], triggers);
        }
    }

    [Fact]
    public async Task WindowRemovedFromConfiguration_Restart_ItsStoredTriggersAreGoneAndItsEdgeNeverThrows()
    {
        // Issue 11, Why 8: the stored triggers of a removed window kept firing and threw in WindowTimers.
        var file = Path.Combine(Path.GetTempPath(), $"ovm-quartz-{Guid.NewGuid():N}.db");
        var two = new Dictionary<string, string>(Window)
        {
            ["MaintenanceWindows:1:Name"] = "gone",
            ["MaintenanceWindows:1:Cron"] = "0 0 1 * * ?",
            ["MaintenanceWindows:1:Duration"] = "01:00:00",
            ["MaintenanceWindows:1:TimeZone"] = "UTC",
        };
        await using (var before = new HostFactory(databaseFile: file, settings: two))
        {
            _ = await before.CreateClient().GetAsync("/healthz");
            Assert.Equal(["edge-gone", "edge-saturday-night", "open-gone", "open-saturday-night"], await WaitForTriggersAsync(file, 4));
        }

        await using var after = new HostFactory(databaseFile: file, settings: Window);
        _ = await after.CreateClient().GetAsync("/healthz");
        Assert.Equal(["edge-saturday-night", "open-saturday-night"], await WaitForTriggersAsync(file, 2, exactly: true));

        var scheduler = await after.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        await after.Services.GetRequiredService<OvmSelfHost.Scheduling.WindowTimers>().ScheduleNextEdgeAsync(scheduler, "gone", CancellationToken.None);
        Assert.Equal(["edge-saturday-night", "open-saturday-night"], await WaitForTriggersAsync(file, 2, exactly: true));
    }

    private static async Task<List<string>> WaitForTriggersAsync(string file, int count, bool exactly = false)
    {
        for (var i = 0; ; i++)
        {
            var names = await WaitForTriggersAsync(file);
            if ((exactly ? names.Count == count : names.Count >= count) || i > 50)
            {
                return names;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> WaitForTriggersAsync(string file)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await using var connection = new SqliteConnection($"Data Source={file}");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS ORDER BY TRIGGER_NAME";
                var names = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }

                if (names.Count >= 2 || i > 50)
                {
                    return names;
                }
            }
            catch (SqliteException) when (i < 50)
            {
                // The scheduler creates its tables as it starts.
            }

            await Task.Delay(100);
        }
    }
}
