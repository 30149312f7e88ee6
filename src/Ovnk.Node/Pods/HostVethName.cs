namespace Ovnk.Node.Pods;

/// <summary>Upstream names the host end of a pod veth after the first 15 characters of the container ID (IFNAMSIZ - 1).</summary>
public static class HostVethName
{
    public static string For(string containerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return containerId.Length <= 15 ? containerId : containerId[..15];
    }
}
