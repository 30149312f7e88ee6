using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// A container's environment as kubelet builds it: KUBERNETES_SERVICE_HOST/PORT (the API server as pods reach it),
/// HOSTNAME, then env entries in order — literals with $(VAR) expansion, fieldRef (spec.nodeName, metadata.name,
/// metadata.namespace, metadata.uid, status.podIP, status.hostIP, spec.serviceAccountName), configMapKeyRef,
/// secretKeyRef — and envFrom.
/// </summary>
public sealed class EnvResolver(IKubernetes client, string apiHost, int apiPort)
{
    public async Task<Dictionary<string, string>> ResolveAsync(V1Pod pod, V1Container container, string? podIp, string? hostIp, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOSTNAME"] = pod.Spec.HostNetwork == true ? pod.Spec.NodeName : pod.Name(),
            ["HOME"] = "/root",
            ["KUBERNETES_SERVICE_HOST"] = apiHost,
            ["KUBERNETES_SERVICE_PORT"] = apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["KUBERNETES_SERVICE_PORT_HTTPS"] = apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["KUBERNETES_PORT"] = $"tcp://{apiHost}:{apiPort}",
        };
        foreach (var from in container.EnvFrom ?? [])
        {
            if (from.ConfigMapRef is { } cmRef && await ReadConfigMapAsync(pod.Namespace(), cmRef.Name, cmRef.Optional == true, cancellationToken) is { } cm)
                foreach (var (k, v) in cm.Data ?? new Dictionary<string, string>()) env[(from.Prefix ?? "") + k] = v;
            if (from.SecretRef is { } sRef && await ReadSecretAsync(pod.Namespace(), sRef.Name, sRef.Optional == true, cancellationToken) is { } s)
                foreach (var (k, v) in s.Data ?? new Dictionary<string, byte[]>()) env[(from.Prefix ?? "") + k] = Encoding.UTF8.GetString(v);
        }
        foreach (var variable in container.Env ?? [])
        {
            var value = await ValueAsync(pod, variable, podIp, hostIp, env, cancellationToken);
            if (value is not null) env[variable.Name] = value;
        }
        return env;
    }

    private async Task<string?> ValueAsync(V1Pod pod, V1EnvVar variable, string? podIp, string? hostIp, Dictionary<string, string> env, CancellationToken cancellationToken)
    {
        if (variable.ValueFrom is null) return Expand(variable.Value ?? "", env);
        if (variable.ValueFrom.FieldRef is { } field)
        {
            return field.FieldPath switch
            {
                "spec.nodeName" => pod.Spec.NodeName,
                "metadata.name" => pod.Name(),
                "metadata.namespace" => pod.Namespace(),
                "metadata.uid" => pod.Uid(),
                "status.podIP" => podIp ?? "",
                "status.hostIP" => hostIp ?? "",
                "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "default",
                _ when field.FieldPath.StartsWith("metadata.labels['", StringComparison.Ordinal) => pod.Labels() is { } labels && labels.TryGetValue(field.FieldPath[17..^2], out var label) ? label : "",
                _ => throw new PodSetupException("CreateContainerConfigError", $"env {variable.Name}: fieldRef {field.FieldPath} is not supported by kubelet-lite; use spec.nodeName, metadata.name, metadata.namespace, status.podIP or status.hostIP"),
            };
        }
        if (variable.ValueFrom.ConfigMapKeyRef is { } cmKey)
        {
            var cm = await ReadConfigMapAsync(pod.Namespace(), cmKey.Name, cmKey.Optional == true, cancellationToken);
            if (cm?.Data?.TryGetValue(cmKey.Key, out var v) == true) return v;
            if (cmKey.Optional == true) return null;
            throw new PodSetupException("CreateContainerConfigError", $"couldn't find key {cmKey.Key} in ConfigMap {pod.Namespace()}/{cmKey.Name}");
        }
        if (variable.ValueFrom.SecretKeyRef is { } sKey)
        {
            var s = await ReadSecretAsync(pod.Namespace(), sKey.Name, sKey.Optional == true, cancellationToken);
            if (s?.Data?.TryGetValue(sKey.Key, out var v) == true) return Encoding.UTF8.GetString(v);
            if (sKey.Optional == true) return null;
            throw new PodSetupException("CreateContainerConfigError", $"couldn't find key {sKey.Key} in Secret {pod.Namespace()}/{sKey.Name}");
        }
        return null;
    }

    /// <summary>$(VAR) expands from earlier variables; $$(VAR) escapes (kubelet's expansion rules, simplified).</summary>
    internal static string Expand(string value, IReadOnlyDictionary<string, string> env) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)", m =>
            m.Value == "$$" ? "$" : env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private async Task<V1ConfigMap?> ReadConfigMapAsync(string ns, string name, bool optional, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return optional ? null : throw new PodSetupException("CreateContainerConfigError", $"configmap \"{name}\" not found; create it in namespace {ns}");
        }
    }

    private async Task<V1Secret?> ReadSecretAsync(string ns, string name, bool optional, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return optional ? null : throw new PodSetupException("CreateContainerConfigError", $"secret \"{name}\" not found; create it in namespace {ns}");
        }
    }
}
