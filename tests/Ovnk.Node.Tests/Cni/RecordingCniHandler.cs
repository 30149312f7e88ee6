using System.Collections.Concurrent;
using Ovnk.Cni.Protocol;
using Ovnk.Node.Cni;

namespace Ovnk.Node.Tests.Cni;

/// <summary>
/// A test seam for the node agent that does not exist yet: it records each decoded request and answers ADD with a
/// result shaped like upstream's (host veth named after the container id, the pod interface in the netns, one IP on
/// interface 1). <see cref="Failure"/>, when set, is thrown instead, to test error pass-through.
/// </summary>
public sealed class RecordingCniHandler : ICniHandler
{
    public ConcurrentQueue<CniServerRequest> Requests { get; } = new();

    public Exception? Failure { get; set; }

    public Task<CniResult> AddAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        Record(request);
        var hostVeth = request.ContainerId![..Math.Min(15, request.ContainerId!.Length)];
        return Task.FromResult(new CniResult(
            [new CniInterface(hostVeth, "0a:58:0a:f4:00:ff"), new CniInterface(request.IfName!, "0a:58:0a:f4:00:05", request.NetNs, 1400)],
            [new CniIpConfig("10.244.0.5/24", "10.244.0.1", 1)],
            [new CniRoute("0.0.0.0/0", "10.244.0.1")]));
    }

    public Task DelAsync(CniServerRequest request, CancellationToken cancellationToken) => Completed(request);

    public Task CheckAsync(CniServerRequest request, CancellationToken cancellationToken) => Completed(request);

    public Task GcAsync(CniServerRequest request, CancellationToken cancellationToken) => Completed(request);

    public Task StatusAsync(CniServerRequest request, CancellationToken cancellationToken) => Completed(request);

    private Task Completed(CniServerRequest request)
    {
        Record(request);
        return Task.CompletedTask;
    }

    private void Record(CniServerRequest request)
    {
        Requests.Enqueue(request);
        if (Failure is not null) throw Failure;
    }
}
