using Ovnk.Cni.Protocol;

namespace Ovnk.Node.Cni;

/// <summary>
/// What the node agent does for each CNI command; <see cref="CniServer"/> decodes requests and calls it. Throw
/// <see cref="CniRequestException"/> to answer with a specific CNI error; any other exception becomes code 999.
/// Calls run concurrently: the runtime never overlaps operations on the same container, but does across
/// containers (SPEC.md §2), so shared state needs the handler's own locking.
/// </summary>
public interface ICniHandler
{
    /// <summary>Wire the pod and return the version-neutral result (host veth, pod interface, IPs, routes).</summary>
    Task<CniResult> AddAsync(CniServerRequest request, CancellationToken cancellationToken);

    /// <summary>Idempotent: succeed when the resources or the netns are already gone (SPEC.md DEL).</summary>
    Task DelAsync(CniServerRequest request, CancellationToken cancellationToken);

    Task CheckAsync(CniServerRequest request, CancellationToken cancellationToken);

    /// <summary>Remove what belongs to attachments not in <see cref="CniServerRequest.ValidAttachments"/>.</summary>
    Task GcAsync(CniServerRequest request, CancellationToken cancellationToken);

    /// <summary>Throw with code 50 or 51 when not ready (SPEC.md STATUS).</summary>
    Task StatusAsync(CniServerRequest request, CancellationToken cancellationToken);
}
