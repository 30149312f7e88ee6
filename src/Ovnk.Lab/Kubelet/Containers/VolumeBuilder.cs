using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Materialises a pod's volumes in its state directory (<c>pods/UID/volumes/NAME</c>): emptyDir (a directory),
/// configMap and secret (one file per key or item), projected (serviceAccountToken via TokenRequest, configMap,
/// secret, downwardAPI namespace), hostPath (the node's own path: containers see the node's mounts). Also the
/// service-account volume that admission would inject, at /var/run/secrets/kubernetes.io/serviceaccount.
/// </summary>
public sealed class VolumeBuilder(IKubernetes client, string caPem)
{
    public const string ServiceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Writes every volume; returns name → source directory/file as the node sees it.</summary>
    public async Task<Dictionary<string, string>> PrepareAsync(V1Pod pod, string podDirectory, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.HostPath is { } hostPath)
            {
                if (hostPath.Type is "DirectoryOrCreate") Directory.CreateDirectory(hostPath.Path);
                sources[volume.Name] = hostPath.Path;
                continue;
            }
            var dir = Path.Combine(podDirectory, "volumes", volume.Name);
            Directory.CreateDirectory(dir);
            await WriteAsync(pod, volume, dir, cancellationToken);
            sources[volume.Name] = dir;
        }
        if (NeedsServiceAccountVolume(pod))
        {
            var dir = Path.Combine(podDirectory, "volumes", "kube-api-access");
            Directory.CreateDirectory(dir);
            if (await TryWriteTokenAsync(pod, dir, "token", 3607, required: false, cancellationToken))
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "ca.crt"), caPem, cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(dir, "namespace"), pod.Namespace(), cancellationToken);
                sources["kube-api-access"] = dir;
            }
        }
        return sources;
    }

    /// <summary>The container's mounts (plus the injected service-account volume).</summary>
    public static IReadOnlyList<VolumeMount> MountsFor(V1Container container, IReadOnlyDictionary<string, string> sources)
    {
        var mounts = new List<VolumeMount>();
        foreach (var m in container.VolumeMounts ?? [])
        {
            if (!sources.TryGetValue(m.Name, out var source))
                throw new PodSetupException("CreateContainerConfigError", $"volumeMount \"{m.Name}\" of container \"{container.Name}\" names no volume of the pod; add it to spec.volumes");
            var path = string.IsNullOrEmpty(m.SubPath) ? source : Path.Combine(source, m.SubPath);
            mounts.Add(new VolumeMount(path, m.MountPath, m.ReadOnlyProperty == true));
        }
        if (sources.TryGetValue("kube-api-access", out var sa) && !mounts.Any(m => m.Target == ServiceAccountPath))
            mounts.Add(new VolumeMount(sa, ServiceAccountPath, true));
        return mounts;
    }

    private static bool NeedsServiceAccountVolume(V1Pod pod) =>
        pod.Spec.AutomountServiceAccountToken != false
        && !(pod.Spec.Volumes ?? []).Any(v => v.Projected?.Sources?.Any(s => s.ServiceAccountToken is not null) == true);

    private async Task WriteAsync(V1Pod pod, V1Volume volume, string dir, CancellationToken cancellationToken)
    {
        if (volume.ConfigMap is { } cm)
        {
            await WriteConfigMapAsync(pod.Namespace(), cm.Name, cm.Items, cm.Optional == true, dir, cancellationToken);
        }
        else if (volume.Secret is { } secret)
        {
            await WriteSecretAsync(pod.Namespace(), secret.SecretName, secret.Items, secret.Optional == true, dir, cancellationToken);
        }
        else if (volume.Projected is { } projected)
        {
            foreach (var source in projected.Sources ?? [])
            {
                if (source.ServiceAccountToken is { } token)
                    await TryWriteTokenAsync(pod, dir, token.Path, token.ExpirationSeconds ?? 3607, required: true, cancellationToken);
                if (source.ConfigMap is { } pcm)
                    await WriteConfigMapAsync(pod.Namespace(), pcm.Name, pcm.Items, pcm.Optional == true, dir, cancellationToken, caFallback: pcm.Name == "kube-root-ca.crt");
                if (source.Secret is { } ps)
                    await WriteSecretAsync(pod.Namespace(), ps.Name, ps.Items, ps.Optional == true, dir, cancellationToken);
                foreach (var item in source.DownwardAPI?.Items ?? [])
                {
                    if (item.FieldRef?.FieldPath == "metadata.namespace")
                        await File.WriteAllTextAsync(Path.Combine(dir, item.Path), pod.Namespace(), cancellationToken);
                }
            }
        }
        // emptyDir: the directory itself.
    }

    private async Task WriteConfigMapAsync(string ns, string name, IList<V1KeyToPath>? items, bool optional, string dir, CancellationToken cancellationToken, bool caFallback = false)
    {
        V1ConfigMap? cm = null;
        try
        {
            cm = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            if (caFallback)
            {
                // The lab has no root-CA publisher: the CA the kubelet trusts is the one.
                await File.WriteAllTextAsync(Path.Combine(dir, "ca.crt"), caPem, cancellationToken);
                return;
            }
            if (optional) return;
            throw new PodSetupException("FailedMount", $"MountVolume.SetUp failed: configmap \"{name}\" not found; create it in namespace {ns}");
        }
        var data = (cm.Data ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value));
        foreach (var (k, v) in cm.BinaryData ?? new Dictionary<string, byte[]>()) data[k] = v;
        await WriteKeysAsync(data, items, dir, $"configmap {ns}/{name}", cancellationToken);
    }

    private async Task WriteSecretAsync(string ns, string name, IList<V1KeyToPath>? items, bool optional, string dir, CancellationToken cancellationToken)
    {
        V1Secret secret;
        try
        {
            secret = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            if (optional) return;
            throw new PodSetupException("FailedMount", $"MountVolume.SetUp failed: secret \"{name}\" not found; create it in namespace {ns}");
        }
        await WriteKeysAsync(new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>()), items, dir, $"secret {ns}/{name}", cancellationToken);
    }

    private static async Task WriteKeysAsync(Dictionary<string, byte[]> data, IList<V1KeyToPath>? items, string dir, string what, CancellationToken cancellationToken)
    {
        var selected = items is { Count: > 0 }
            ? items.Select(i => (i.Key, i.Path))
            : data.Keys.Select(k => (k, k));
        foreach (var (key, path) in selected)
        {
            if (!data.TryGetValue(key, out var bytes))
                throw new PodSetupException("FailedMount", $"MountVolume.SetUp failed: {what} has no key \"{key}\"; add it or fix the volume's items");
            var file = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, bytes, cancellationToken);
        }
    }

    private async Task<bool> TryWriteTokenAsync(V1Pod pod, string dir, string path, long seconds, bool required, CancellationToken cancellationToken)
    {
        var account = pod.Spec.ServiceAccountName ?? "default";
        try
        {
            var request = new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = Math.Max(seconds, 600), Audiences = [] } };
            var response = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, account, pod.Namespace(), cancellationToken: cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, path), response.Status.Token, cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound && !required)
        {
            return false; // No such service account: nothing to inject (the lab has no service-account controller).
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new PodSetupException("FailedMount", $"MountVolume.SetUp failed: serviceaccount \"{account}\" not found in namespace {pod.Namespace()}; create it");
        }
    }
}
