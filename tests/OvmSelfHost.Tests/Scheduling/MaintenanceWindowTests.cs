using OvmSelfHost.Scheduling;

namespace OvmSelfHost.Tests.Scheduling;

public sealed class MaintenanceWindowTests
{
    private static QuartzMaintenanceWindows Windows(params MaintenanceWindowOptions[] entries) =>
        QuartzMaintenanceWindows.From(entries, TimeSpan.FromMinutes(30));

    private static MaintenanceWindowOptions Sunday(params string[] excluded) => new()
    {
        Name = "sunday-early",
        Cron = "0 0 1 ? * SUN",
        Duration = TimeSpan.FromHours(3),
        TimeZone = "Europe/Berlin",
        ExcludedDates = [.. excluded],
    };

    [Fact]
    public void Openings_follow_the_cron_in_the_windows_zone()
    {
        var openings = Windows(Sunday()).Openings("sunday-early", new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2027, 1, 10, 1, 0, 0, TimeSpan.FromHours(1)), openings[0].OpensAt);
        Assert.Equal(TimeSpan.FromHours(1), openings[0].OpensAt.Offset);
        Assert.Equal(new DateTimeOffset(2027, 1, 17, 1, 0, 0, TimeSpan.FromHours(1)), openings[1].OpensAt);
    }

    [Fact]
    public void A_window_over_the_spring_forward_change_lasts_its_elapsed_duration()
    {
        // 2027-03-28: Berlin goes from +01:00 to +02:00 at 02:00 local.
        var opening = Windows(Sunday()).CurrentOrNext("sunday-early", new DateTimeOffset(2027, 3, 22, 0, 0, 0, TimeSpan.Zero))!;

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.FromHours(1)), opening.OpensAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 5, 0, 0, TimeSpan.FromHours(2)), opening.ClosesAt);
        Assert.Equal(TimeSpan.FromHours(3), opening.Duration);
    }

    [Fact]
    public void A_window_over_the_fall_back_change_opens_once_and_lasts_its_elapsed_duration()
    {
        // 2026-10-25: Berlin goes from +02:00 back to +01:00 at 03:00 local; 02:30 happens twice.
        var window = new MaintenanceWindowOptions { Name = "w", Cron = "0 30 2 ? * SUN", Duration = TimeSpan.FromHours(2), TimeZone = "Europe/Berlin" };
        var openings = Windows(window).Openings("w", new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), openings[0].OpensAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(2), openings[0].Duration);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 2, 30, 0, TimeSpan.FromHours(1)), openings[1].OpensAt);
    }

    [Fact]
    public void An_excluded_date_skips_that_opening()
    {
        var openings = Windows(Sunday("2027-01-10")).Openings("sunday-early", new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateTimeOffset(2027, 1, 17, 1, 0, 0, TimeSpan.FromHours(1)), Assert.Single(openings).OpensAt);
    }

    [Fact]
    public void The_current_opening_comes_first_while_the_window_is_open()
    {
        var now = new DateTimeOffset(2027, 1, 10, 2, 0, 0, TimeSpan.FromHours(1));
        var current = Windows(Sunday()).CurrentOrNext("sunday-early", now)!;

        Assert.True(current.Contains(now));
        Assert.Equal(new DateTimeOffset(2027, 1, 10, 1, 0, 0, TimeSpan.FromHours(1)), current.OpensAt);
    }

    [Fact]
    public void A_cron_that_never_fires_again_has_no_opening()
    {
        var past = new MaintenanceWindowOptions { Name = "once", Cron = "0 0 22 1 1 ? 2020", Duration = TimeSpan.FromHours(1), TimeZone = "UTC" };

        Assert.Null(Windows(past).CurrentOrNext("once", new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("not a cron", "01:00:00", "UTC", "2027-01-01", "MaintenanceWindows:0 (w):Cron 'not a cron' is not a Quartz cron expression")]
    [InlineData("0 0 22 ? * SAT", "00:00:00", "UTC", "2027-01-01", "MaintenanceWindows:0 (w):Duration must be positive")]
    [InlineData("0 0 22 ? * SAT", "01:00:00", "Mars/Olympus", "2027-01-01", "MaintenanceWindows:0 (w):TimeZone 'Mars/Olympus' is not a known IANA zone")]
    [InlineData("0 0 22 ? * SAT", "01:00:00", "UTC", "01/02/2027", "MaintenanceWindows:0 (w):ExcludedDates has '01/02/2027'")]
    public void A_bad_entry_stops_start_up_with_a_message_naming_it(string cron, string duration, string zone, string excluded, string expected)
    {
        var entry = new MaintenanceWindowOptions { Name = "w", Cron = cron, Duration = TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), TimeZone = zone, ExcludedDates = [excluded] };

        var error = Assert.Throws<InvalidOperationException>(() => Windows(entry));

        Assert.Contains(expected, error.Message);
    }
}
