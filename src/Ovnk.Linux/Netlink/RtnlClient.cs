using Ovnk.Linux.Namespaces;

namespace Ovnk.Linux.Netlink;

/// <summary>
/// rtnetlink client for one network namespace: links, addresses, routes and neighbours (partial files by concern).
/// The socket is created inside the namespace (on a namespace thread) and stays there, so every call acts on that
/// namespace from any thread, with no setns per call. Calls are serialised per client; use one client per
/// namespace and concurrent work.
/// </summary>
public sealed partial class RtnlClient : IDisposable
{
    private readonly NetlinkSocket socket;

    private RtnlClient(NetlinkSocket socket, string? netNsPath)
    {
        this.socket = socket;
        NetNsPath = netNsPath;
    }

    /// <summary>The namespace file this client acts in; null for the namespace of the thread that opened it.</summary>
    public string? NetNsPath { get; }

    /// <summary>Opens a client in the network namespace <paramref name="netNsPath"/> (e.g. NetNs.PathOf(name)).</summary>
    public static RtnlClient Open(string netNsPath)
    {
        ArgumentNullException.ThrowIfNull(netNsPath);
        return new RtnlClient(NetNs.Run(netNsPath, NetlinkSocket.Open), netNsPath);
    }

    /// <summary>
    /// Opens a client in the calling thread's network namespace; <paramref name="netNsPath"/>, when the caller runs
    /// inside another namespace (NetNs.Run), names it in errors.
    /// </summary>
    public static RtnlClient OpenCurrent(string? netNsPath = null) => new(NetlinkSocket.Open(), netNsPath);

    public void Dispose() => socket.Dispose();

    private string Where(string name) => NetNsPath is null ? name : $"{name} in {NetNsPath}";
}
