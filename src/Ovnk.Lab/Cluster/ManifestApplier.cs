using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// Applies deploy/*.yaml in file-name order with the lab's overlay: create, or replace what exists (what
/// `kubectl apply` amounts to for objects only the lab writes), via KubernetesClient.
/// </summary>
public sealed class ManifestApplier
{
    private readonly IKubernetes _client;

    public ManifestApplier(IKubernetes client) => _client = client;

    /// <summary>The manifest files in apply order.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        [.. Directory.GetFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>Loads every object (typed) from the directory, overlay applied.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Load(string directory, LabTopology topology)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var file in Files(directory))
        {
            foreach (var item in KubernetesYaml.LoadAllFromString(File.ReadAllText(file)))
            {
                if (item is null) continue;
                objects.Add(LabOverlay.Apply(item, topology) as IKubernetesObject<V1ObjectMeta>
                    ?? throw new LabException("deploy Ovnk", $"{file} holds a {item.GetType().Name}, not a Kubernetes object", "fix the manifest"));
            }
        }
        return objects;
    }

    public async Task<int> ApplyAsync(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects, CancellationToken cancellationToken)
    {
        foreach (var item in objects)
        {
            try
            {
                await CreateAsync(item, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                await ReplaceAsync(item, cancellationToken);
            }
        }
        return objects.Count;
    }

    private Task CreateAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken ct)
    {
        var ns = item.Namespace() ?? "default";
        return item switch
        {
            V1Namespace o => _client.CoreV1.CreateNamespaceAsync(o, cancellationToken: ct),
            V1ServiceAccount o => _client.CoreV1.CreateNamespacedServiceAccountAsync(o, ns, cancellationToken: ct),
            V1ConfigMap o => _client.CoreV1.CreateNamespacedConfigMapAsync(o, ns, cancellationToken: ct),
            V1Secret o => _client.CoreV1.CreateNamespacedSecretAsync(o, ns, cancellationToken: ct),
            V1Service o => _client.CoreV1.CreateNamespacedServiceAsync(o, ns, cancellationToken: ct),
            V1ClusterRole o => _client.RbacAuthorizationV1.CreateClusterRoleAsync(o, cancellationToken: ct),
            V1ClusterRoleBinding o => _client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(o, cancellationToken: ct),
            V1Role o => _client.RbacAuthorizationV1.CreateNamespacedRoleAsync(o, ns, cancellationToken: ct),
            V1RoleBinding o => _client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(o, ns, cancellationToken: ct),
            V1Deployment o => _client.AppsV1.CreateNamespacedDeploymentAsync(o, ns, cancellationToken: ct),
            V1DaemonSet o => _client.AppsV1.CreateNamespacedDaemonSetAsync(o, ns, cancellationToken: ct),
            _ => throw Unsupported(item),
        };
    }

    private async Task ReplaceAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken ct)
    {
        var ns = item.Namespace() ?? "default";
        var name = item.Name();
        Task task = item switch
        {
            V1Namespace => Task.CompletedTask, // nothing to change in a namespace
            V1ServiceAccount => Task.CompletedTask, // replacing would drop its token secrets reference; the manifest adds nothing
            V1ConfigMap o => _client.CoreV1.ReplaceNamespacedConfigMapAsync(With(o, (await _client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct)).Metadata), name, ns, cancellationToken: ct),
            V1Secret o => _client.CoreV1.ReplaceNamespacedSecretAsync(With(o, (await _client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct)).Metadata), name, ns, cancellationToken: ct),
            V1Service => Task.CompletedTask, // a replace would have to carry the allocated clusterIP; the lab never changes services
            V1ClusterRole o => _client.RbacAuthorizationV1.ReplaceClusterRoleAsync(With(o, (await _client.RbacAuthorizationV1.ReadClusterRoleAsync(name, cancellationToken: ct)).Metadata), name, cancellationToken: ct),
            V1ClusterRoleBinding o => _client.RbacAuthorizationV1.ReplaceClusterRoleBindingAsync(With(o, (await _client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(name, cancellationToken: ct)).Metadata), name, cancellationToken: ct),
            V1Role o => _client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(With(o, (await _client.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: ct)).Metadata), name, ns, cancellationToken: ct),
            V1RoleBinding o => _client.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(With(o, (await _client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: ct)).Metadata), name, ns, cancellationToken: ct),
            V1Deployment o => _client.AppsV1.ReplaceNamespacedDeploymentAsync(With(o, (await _client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct)).Metadata), name, ns, cancellationToken: ct),
            V1DaemonSet o => _client.AppsV1.ReplaceNamespacedDaemonSetAsync(With(o, (await _client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct)).Metadata), name, ns, cancellationToken: ct),
            _ => throw Unsupported(item),
        };
        await task;
    }

    /// <summary>The manifest's object with the stored one's resourceVersion (optimistic concurrency for the replace).</summary>
    private static T With<T>(T manifest, V1ObjectMeta stored)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        manifest.Metadata.ResourceVersion = stored.ResourceVersion;
        return manifest;
    }

    private static LabException Unsupported(IKubernetesObject<V1ObjectMeta> item) =>
        new("deploy Ovnk", $"the lab cannot apply a {item.Kind} ({item.Name()})", "apply it with kubectl, or extend ManifestApplier");
}
