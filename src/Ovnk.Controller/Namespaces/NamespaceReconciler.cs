using Ovnk.Controller.Hosting;
using Ovnk.Controller.Pods;
using Ovnk.Kube.Informers;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Namespaces;

/// <summary>Keeps a namespace's address set equal to the IPs of its pods that hold one (network policy matches on it).</summary>
public sealed class NamespaceReconciler(ControllerContext ctx)
{
    /// <summary>Reconciles namespace <paramref name="name"/>.</summary>
    public async Task ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        if (ctx.Namespaces.Get(name) is null)
        {
            await ctx.Nb.ApplyAsync(ctx.Nb.Plan(DesiredState.Nothing(Owner.Namespace(name))), cancellationToken).ConfigureAwait(false);
            return;
        }
        var ips = ctx.Pods.ByIndex(Indexers.Namespace, name)
            .Where(PodReconciler.WantsNetwork)
            .Select(p => ctx.Ipam.Held(ObjectKeys.Of(p)))
            .OfType<System.Net.IPAddress>()
            .ToArray();
        await ctx.Nb.ApplyAsync(ctx.Nb.Plan(NamespaceAddressSet.Translate(new NamespaceInfo(name, ips))), cancellationToken).ConfigureAwait(false);
    }
}
