using System.Runtime.InteropServices;
using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>kill(2) by pid: graceful termination needs SIGTERM, which <c>Process.Kill</c> cannot send.</summary>
public static partial class SignalSender
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process no longer exists (ESRCH).</summary>
    public static bool Send(int pid, int signal)
    {
        if (pid <= 0) throw new ArgumentOutOfRangeException(nameof(pid), pid, "a pid is positive (0 and negative values address process groups)");
        if (Kill(pid, signal) == 0) return true;
        var errno = (Errno)Marshal.GetLastPInvokeError();
        if (errno == Errno.ESRCH) return false;
        throw new SystemCallException(errno, "kill", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to every process in the process group <paramref name="pgid"/> (kill(-pgid)):
    /// a container's children die with it. False when the group is empty.
    /// </summary>
    public static bool SendToGroup(int pgid, int signal)
    {
        if (pgid <= 1) throw new ArgumentOutOfRangeException(nameof(pgid), pgid, "a process group id is greater than 1");
        if (Kill(-pgid, signal) == 0) return true;
        var errno = (Errno)Marshal.GetLastPInvokeError();
        if (errno == Errno.ESRCH) return false;
        throw new SystemCallException(errno, "kill", "-" + pgid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
