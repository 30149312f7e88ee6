using Ovnk.Linux.Native;

namespace Ovnk.Linux.Tests.Support;

/// <summary>Cleanup helper: unmounts (lazily, deepest first) every mount point under a test's directory.</summary>
internal static class Mounts
{
    public static void UnmountAllUnder(string directory)
    {
        var mountPoints = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4])
            .Where(p => p == directory || p.StartsWith(directory + "/", StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(p => p.Length)
            .ToList();
        foreach (var point in mountPoints)
        {
            _ = Libc.Umount2(point, Libc.MntDetach);
        }
    }

    public static bool IsMountPoint(string path) =>
        File.ReadAllLines("/proc/self/mountinfo").Any(line => line.Split(' ')[4] == path);
}
