using System.Globalization;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// A process as "PID STARTTIME" (field 22 of /proc/PID/stat, clock ticks since boot): the pid-file format
/// kubelet-lite uses too, so a pid reused by another process after a crash is never signalled.
/// </summary>
public readonly record struct ProcessIdentity(int Pid, ulong StartTime)
{
    /// <summary>The identity of a live process, or null when it is gone.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        var start = ReadStartTime(pid);
        return start is null ? null : new ProcessIdentity(pid, start.Value);
    }

    /// <summary>Parses pid-file text; null when it is not "PID STARTTIME".</summary>
    public static ProcessIdentity? Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid) && pid > 1
            && ulong.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
            ? new ProcessIdentity(pid, start)
            : null;
    }

    /// <summary>True while this very process runs (not a zombie, not a newer process with the same pid).</summary>
    public bool IsAlive => ReadStartTime(Pid) == StartTime && !IsZombie(Pid);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {StartTime}");

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Fields after "(comm)": comm may hold spaces and parentheses, so split after the last ')'.</summary>
    private static string[]? FieldsAfterComm(int pid)
    {
        var stat = ReadStat(pid);
        var close = stat?.LastIndexOf(')') ?? -1;
        return close < 0 ? null : stat![(close + 2)..].Split(' ');
    }

    private static ulong? ReadStartTime(int pid) =>
        FieldsAfterComm(pid) is { Length: > 19 } f && ulong.TryParse(f[19], CultureInfo.InvariantCulture, out var t) ? t : null;

    // LAB-NOTES item 8: killed daemons linger as zombies until reaped; they count as exited.
    private static bool IsZombie(int pid) => FieldsAfterComm(pid) is { Length: > 0 } f && f[0] is "Z" or "X";
}
