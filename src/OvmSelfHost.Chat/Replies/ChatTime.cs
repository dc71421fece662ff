using System.Globalization;

namespace OvmSelfHost.Chat.Replies;

/// <summary>The one way replies show time: ISO-like with its zone ("2026-12-05 22:07 UTC"), durations as "10 min".</summary>
public static class ChatTime
{
    public static string Format(DateTimeOffset at) =>
        at.Offset == TimeSpan.Zero
            ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{Math.Max(0, (int)Math.Round(span.TotalSeconds))} s";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return $"{(int)Math.Round(span.TotalMinutes)} min";
        }

        var hours = (int)span.TotalHours;
        var minutes = span.Minutes;
        return minutes == 0 ? $"{hours} h" : $"{hours} h {minutes} min";
    }
}
