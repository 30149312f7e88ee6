namespace Ovnk.Linux.Ethtool;

/// <summary>
/// One-shot ethtool requests in the calling thread's network namespace (call inside NetNs.Run for another one); for
/// several requests, or from a thread outside the namespace, open an <see cref="EthtoolSocket"/>. TX checksum offload
/// must be off on a pod's veth with the OVS userspace datapath (LAB-NOTES item 4).
/// </summary>
public static class EthtoolFeatures
{
    /// <summary>Whether TX checksum offload ("tx-checksumming" in `ethtool -k`) is on.</summary>
    public static bool GetTxChecksumming(string interfaceName)
    {
        using var socket = EthtoolSocket.Open();
        return socket.GetTxChecksumming(interfaceName);
    }

    /// <summary>Turns TX checksum offload on or off (`ethtool -K IFNAME tx on|off`).</summary>
    public static void SetTxChecksumming(string interfaceName, bool enabled)
    {
        using var socket = EthtoolSocket.Open();
        socket.SetTxChecksumming(interfaceName, enabled);
    }
}
