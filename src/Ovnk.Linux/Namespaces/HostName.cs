using System.Text;
using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>The host name of the calling thread's UTS namespace (call inside <see cref="NamespaceRunner"/>).</summary>
public static class HostName
{
    /// <summary>Reads it from /proc/sys/kernel/hostname, which shows the reader's UTS namespace.</summary>
    public static string Get() => File.ReadAllText("/proc/sys/kernel/hostname").TrimEnd('\n');

    public static unsafe void Set(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length is 0 or > 64)
        {
            throw new InvalidNameException("set host name", name, "a host name is 1–64 bytes (HOST_NAME_MAX)");
        }

        fixed (byte* p = bytes)
        {
            if (Libc.SetHostName(p, (nuint)bytes.Length) != 0)
            {
                throw new NamespaceException(Libc.LastErrno(), "set host name", name);
            }
        }
    }
}
