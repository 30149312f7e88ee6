using Ovnk.Cni.Protocol;
using Ovnk.Node.Cni;

namespace Ovnk.Cni.Tests;

/// <summary>
/// The agent seam for the parity runs with a live <see cref="CniServer"/>: counts what reaches it and succeeds
/// (ADD answers with a one-interface result). Bad input must never reach it.
/// </summary>
public sealed class CountingCniHandler : ICniHandler
{
    private int calls;

    public int Calls => calls;

    public Task<CniResult> AddAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return Task.FromResult(new CniResult([new CniInterface(request.IfName!, Sandbox: request.NetNs)], [new CniIpConfig("10.244.0.9/24", "10.244.0.1", 0)]));
    }

    public Task DelAsync(CniServerRequest request, CancellationToken cancellationToken) => Count();

    public Task CheckAsync(CniServerRequest request, CancellationToken cancellationToken) => Count();

    public Task GcAsync(CniServerRequest request, CancellationToken cancellationToken) => Count();

    public Task StatusAsync(CniServerRequest request, CancellationToken cancellationToken) => Count();

    private Task Count()
    {
        Interlocked.Increment(ref calls);
        return Task.CompletedTask;
    }
}
