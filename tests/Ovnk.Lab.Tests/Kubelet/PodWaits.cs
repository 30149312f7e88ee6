using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>Waiting for pod states through the API.</summary>
public static class PodWaits
{
    public static Task<V1Pod> ForAsync(IKubernetes client, string ns, string name, string what, Func<V1Pod, bool> condition, KubeletNode node, int seconds = 120) =>
        Wait.ForAsync($"pod {name}: {what}", seconds, async () =>
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: TestContext.Current.CancellationToken);
            return condition(pod) ? pod : null;
        }, () => node.Output.ToString());

    public static Task<V1Pod> RunningAsync(IKubernetes client, string ns, string name, KubeletNode node) =>
        ForAsync(client, ns, name, "Running with an IP", p => p.Status?.Phase == "Running" && p.Status.PodIP is not null, node);

    public static Task GoneAsync(IKubernetes client, string ns, string name, KubeletNode node, int seconds = 90) =>
        Wait.UntilAsync($"pod {name} gone", seconds, async () =>
        {
            var list = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: TestContext.Current.CancellationToken);
            return list.Items.Count == 0;
        }, () => node.Output.ToString());

    /// <summary>A pod bound to <paramref name="node"/> (the scheduler is not needed).</summary>
    public static V1Pod Pod(string name, KubeletNode node, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { NodeName = node.Name, Containers = containers, TerminationGracePeriodSeconds = 5 },
    };

    public static V1Container Agnhost(string name = "agnhost") => new()
    {
        Name = name,
        Image = "registry.k8s.io/e2e-test-images/agnhost:2.53",
        Args = ["netexec", "--http-port=8080"],
    };
}
