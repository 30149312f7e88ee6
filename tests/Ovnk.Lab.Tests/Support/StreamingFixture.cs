using k8s;
using k8s.Models;
using Ovnk.Lab.Streaming;

namespace Ovnk.Lab.Tests.Support;

/// <summary>
/// A lab API server plus a kubelet-side <see cref="StreamingServer"/> over a <see cref="HostStreamingRuntime"/>,
/// registered as node <see cref="NodeName"/>'s kubelet socket: pods created with that nodeName can be exec'd,
/// attached and logged without a kubelet. Everything lives in temp directories removed on dispose.
/// </summary>
public sealed class StreamingFixture : IAsyncLifetime
{
    private LabServer? _server;
    private StreamingServer? _streaming;
    private HostStreamingRuntime? _runtime;
    private string _directory = "";

    /// <summary>The node whose kubelet socket is the streaming server.</summary>
    public string NodeName { get; } = ServerFixture.UniqueName("stream-node");

    /// <summary>The API server.</summary>
    public LabServer Server => _server ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>The runtime behind the node's streaming server (start containers here for attach and logs).</summary>
    public HostStreamingRuntime Runtime => _runtime ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>A scratch directory for the tests.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _directory = System.IO.Directory.CreateTempSubdirectory("ovnk-stream-").FullName;
        _server = await LabServer.StartAsync(retainedEvents: 1000);
        _runtime = new HostStreamingRuntime(Path.Combine(_directory, "logs"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _streaming = await StreamingServer.StartAsync(Path.Combine(_directory, "kubelet.sock"), _runtime, timeout.Token);
        using var client = _server.Client();
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = NodeName,
                Annotations = new Dictionary<string, string> { [KubeletEndpoint.SocketAnnotation] = _streaming.SocketPath },
            },
        }, cancellationToken: timeout.Token);
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = NodeName + "-nokubelet" } }, cancellationToken: timeout.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_streaming is not null)
        {
            await _streaming.DisposeAsync();
        }
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_directory.Length > 0)
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Creates a namespace and a pod in it bound to <paramref name="node"/> (default: the streaming node) with the given containers.</summary>
    public async Task<(string Namespace, string Pod)> CreatePodAsync(string prefix, string[] containers, string? node = null, bool stdin = false)
    {
        using var client = Server.Client();
        var ns = ServerFixture.UniqueName(prefix);
        var ct = TestContext.Current.CancellationToken;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = prefix, NamespaceProperty = ns },
            Spec = new V1PodSpec
            {
                NodeName = node ?? NodeName,
                Containers = [.. containers.Select(c => new V1Container { Name = c, Image = "busybox", Stdin = stdin, StdinOnce = stdin })],
            },
        };
        await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: ct);
        return (ns, prefix);
    }
}
