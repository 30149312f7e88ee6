namespace Ovnk.Cli;

/// <summary>
/// The <c>k8s_apiserver</c> key of ConfigMap ovnkube-config (env <c>K8S_APISERVER</c>, e.g. https://172.18.0.2:6443):
/// when set and no --kubeconfig is given, it replaces the in-cluster service address (KUBERNETES_SERVICE_HOST/PORT)
/// that KubernetesClient's in-cluster configuration reads, keeping the mounted service-account token and CA.
/// </summary>
internal static class ApiServerOverride
{
    public static (string Host, string Port)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
            throw new ArgumentException($"K8S_APISERVER='{value}' is not an https URL like https://172.18.0.2:6443; fix k8s_apiserver in ConfigMap ovnkube-config (or leave it empty for the in-cluster service).");
        return (uri.Host, uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Applies K8S_APISERVER to this process's in-cluster environment; false (and a message) when it is malformed.</summary>
    public static bool TryApply(string? kubeconfig, Action<string> error)
    {
        if (kubeconfig is not null)
            return true;
        try
        {
            if (Parse(Environment.GetEnvironmentVariable("K8S_APISERVER")) is { } target)
            {
                Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", target.Host);
                Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", target.Port);
            }
            return true;
        }
        catch (ArgumentException e)
        {
            error(e.Message);
            return false;
        }
    }
}
