using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>One API server and one bridge node (logged bridge plugin, 1 s restart back-off) shared by a test class.</summary>
public sealed class BridgeNodeFixture : IAsyncLifetime
{
    private LabServer? _server;
    private KubeletNode? _node;

    public LabServer Server => _server ?? throw new InvalidOperationException("fixture not initialized");

    public KubeletNode Node => _node ?? throw new InvalidOperationException("fixture not initialized");

    public async ValueTask InitializeAsync()
    {
        _server = await LabServer.StartAsync();
        _node = await KubeletNode.StartAsync(_server.Kubeconfig, "pods", LabCni.Bridge("10.250.3.0/24", LoggedBridge.Type), LoggedBridge.Install,
            "--restart-backoff", "1");
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
