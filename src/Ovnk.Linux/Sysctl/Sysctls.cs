namespace Ovnk.Linux.Sysctl;

/// <summary>
/// Reads and writes /proc/sys. net.* keys belong to the network namespace of the calling thread, so call these inside
/// NamespaceRunner/NetNs.Run for a namespace other than the process's own.
/// </summary>
public static class Sysctls
{
    public static string Read(SysctlKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Guard(key, "read sysctl", () => File.ReadAllText(key.Path).TrimEnd('\n'));
    }

    /// <summary>Writes <paramref name="value"/>; a value the kernel rejects gives EINVAL naming the key.</summary>
    public static void Write(SysctlKey key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Guard(key, "write sysctl", () =>
        {
            // One write(2) of the whole value: procfs parses each write separately.
            using var handle = File.OpenHandle(key.Path, FileMode.Open, FileAccess.Write);
            RandomAccess.Write(handle, System.Text.Encoding.ASCII.GetBytes(value + "\n"), 0);
            return true;
        });
    }

    private static T Guard<T>(SysctlKey key, string operation, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SystemCallException(Errno.ENOENT, operation, key.ToString(), "no such sysctl here (is the interface in this namespace?)", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SystemCallException(Errno.EACCES, operation, key.ToString(), null, e);
        }
        catch (IOException e)
        {
            var errno = (e.HResult & 0xffff) is var code && Enum.IsDefined((Errno)code) ? (Errno)code : Errno.EIO;
            throw new SystemCallException(errno, operation, key.ToString(), e.Message, e);
        }
    }
}
