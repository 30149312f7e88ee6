namespace Ovnk.Lab.Streaming;

/// <summary>
/// How the API server finds a node's kubelet streaming server: the Node carries the absolute path of the unix socket
/// in the annotation <see cref="SocketAnnotation"/> (kubelet-lite sets it when it registers; a real kubelet would be
/// reached at status.daemonEndpoints.kubeletEndpoint instead).
/// </summary>
public static class KubeletEndpoint
{
    /// <summary>The Node annotation holding the kubelet streaming socket path.</summary>
    public const string SocketAnnotation = "lab.ovnk.io/kubelet-socket";
}
