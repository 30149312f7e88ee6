namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>One attachment's runtime parameters (libcni's RuntimeConf).</summary>
/// <param name="ContainerId">The sandbox id (CNI_CONTAINERID).</param>
/// <param name="NetNs">The pod's network namespace path (CNI_NETNS), as the node sees it.</param>
/// <param name="IfName">The interface inside the pod (CNI_IFNAME).</param>
/// <param name="Args">CNI_ARGS pairs (K8S_POD_NAMESPACE, K8S_POD_NAME, …).</param>
public sealed record CniRuntimeConf(string ContainerId, string NetNs, string IfName, IReadOnlyList<KeyValuePair<string, string>> Args)
{
    /// <summary>The CNI_ARGS string: <c>IgnoreUnknown=1;K=V;…</c> as CRI runtimes send it.</summary>
    public string ArgsString => string.Join(';', Args.Prepend(new("IgnoreUnknown", "1")).Select(a => $"{a.Key}={a.Value}"));
}
