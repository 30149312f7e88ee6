namespace Ovnk.Node.Tests;

/// <summary>
/// A unique scratch directory under /tmp for one test's CNI socket, removed on dispose. The socket lives in
/// <c>&lt;root&gt;/cni/ovn-cni-server.sock</c>, like the real <c>/var/run/ovn-kubernetes/cni/</c>.
/// </summary>
public sealed class TempSocketDir : IDisposable
{
    public TempSocketDir()
    {
        Root = Path.Combine("/tmp", "ovnk-cni-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string SocketDirectory => Path.Combine(Root, "cni");

    public string SocketPath => Path.Combine(SocketDirectory, "ovn-cni-server.sock");

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
