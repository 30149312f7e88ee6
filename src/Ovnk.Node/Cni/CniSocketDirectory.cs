using Ovnk.Linux.Files;

namespace Ovnk.Node.Cni;

/// <summary>
/// The directory that holds the CNI socket is the socket's only access control: root-owned, mode 0700, so a
/// non-root process cannot even reach the socket (EACCES on the path). Upstream recreates it on every start
/// (pkg/cni/cniserver_linux.go); we create it when missing and refuse a pre-existing one that is weaker, rather than
/// deleting something an operator may have made on purpose.
/// </summary>
public static class CniSocketDirectory
{
    public const UnixFileMode RequiredMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates or checks the directory of <paramref name="socketPath"/> and removes a stale socket in it.</summary>
    public static void Prepare(string socketPath)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new CniServerException($"the CNI server must run as root to own {socketPath}: start the node agent as root");
        var directory = Path.GetDirectoryName(Path.GetFullPath(socketPath))
            ?? throw new CniServerException($"the CNI socket path {socketPath} has no directory: give a path such as /var/run/ovn-kubernetes/cni/ovn-cni-server.sock");
        if (!Path.Exists(directory))
        {
            var parent = Path.GetDirectoryName(directory);
            if (parent is not null) Directory.CreateDirectory(parent);
            // mkdir(2) with 0700 (the umask can only remove bits), so there is no window with a wider mode.
            Directory.CreateDirectory(directory, RequiredMode);
        }
        Check(directory);
        if (Path.Exists(socketPath))
        {
            var existing = FileStatus.LStat(socketPath);
            if (existing.IsDirectory)
                throw new CniServerException($"{socketPath} is a directory, not a stale socket: remove it (rm -r {socketPath}) and start again");
            File.Delete(socketPath);
        }
    }

    /// <summary>Throws unless <paramref name="directory"/> is a real directory owned by uid 0 with mode exactly 0700.</summary>
    public static void Check(string directory)
    {
        var info = FileStatus.LStat(directory);
        var problem = info switch
        {
            { IsSymlink: true } => "is a symbolic link",
            { IsDirectory: false } => "is not a directory",
            { Uid: not 0 } => $"is owned by uid {info.Uid}, not root",
            { Permissions: not 0b111_000_000 } => $"has mode {Convert.ToString(info.Permissions, 8).PadLeft(4, '0')}, not 0700",
            _ => null,
        };
        if (problem is not null)
            throw new CniServerException(
                $"refusing to start the CNI server: {directory} {problem}, so processes other than root could reach the CNI socket. " +
                $"Fix: remove it (rm -rf {directory}) and let the node agent recreate it, or run chown root:root {directory} && chmod 0700 {directory}");
    }
}
