using System.Globalization;
using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tables;

/// <summary>Durations as kubectl shows them (apimachinery/pkg/util/duration.HumanDuration).</summary>
public static class HumanDuration
{
    /// <summary>Formats <paramref name="d"/>: 45s, 2m5s, 15m, 3h20m, 2d4h, 1y10d…</summary>
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 120)
        {
            return F($"{seconds}s");
        }
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? F($"{minutes}m") : F($"{minutes}m{seconds % 60}s");
        }
        if (minutes < 180)
        {
            return F($"{minutes}m");
        }
        return FormatHours(minutes);
    }

    private static string FormatHours(long minutes)
    {
        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? F($"{hours}h") : F($"{hours}h{minutes % 60}m");
        }
        if (hours < 48)
        {
            return F($"{hours}h");
        }
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? F($"{hours / 24}d") : F($"{hours / 24}d{hours % 24}h");
        }
        if (hours < 24 * 365 * 2)
        {
            return F($"{hours / 24}d");
        }
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? F($"{hours / 24 / 365}y") : F($"{hours / 24 / 365}y{days}d");
        }
        return F($"{hours / 24 / 365}y");
    }

    /// <summary>The AGE cell of an object: time since metadata.creationTimestamp, or "&lt;unknown&gt;".</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) =>
        Meta.ParseTimestamp(Meta.Get(obj, "creationTimestamp")) is { } created ? Format(now - created) : "<unknown>";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
