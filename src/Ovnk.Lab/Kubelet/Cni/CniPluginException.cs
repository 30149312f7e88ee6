namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>
/// A CNI plugin failed. The message is libcni's (<c>plugin type="bridge" failed (add): …</c>) with the plugin's own
/// error text, which is what `kubectl describe pod` must show.
/// </summary>
public sealed class CniPluginException(string pluginType, string command, int code, string pluginMessage)
    : Exception($"plugin type=\"{pluginType}\" failed ({command.ToLowerInvariant()}): {pluginMessage}")
{
    public string PluginType { get; } = pluginType;

    /// <summary>The spec error code (0 when the plugin printed no error object).</summary>
    public int Code { get; } = code;

    public string PluginMessage { get; } = pluginMessage;
}
