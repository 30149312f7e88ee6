using System.Net;
using System.Net.NetworkInformation;
using System.Text.RegularExpressions;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// The lab's nodes and namespaces, computed purely from the name and worker count with kind's naming:
/// NAME-control-plane (172.18.0.2), NAME-worker (.3), NAME-worker2 (.4), …; the underlay bridge in NAME-underlay.
/// </summary>
public sealed partial record LabTopology(string Name, IReadOnlyList<LabNode> Nodes)
{
    /// <summary>At most this many workers: node IPs stay within 172.18.0.0/24 and pod subnets within 10.244.0.0/16.</summary>
    public const int MaxWorkers = 200;

    // Node names are NAME-control-plane (NAME + 14) and must stay DNS labels (≤ 63) with room for kubelet-lite's
    // pod namespace names (NODE-UID8).
    private const int MaxNameLength = 30;

    public string UnderlayNetNs => $"{Name}-underlay";

    public LabNode ControlPlane => Nodes[0];

    public IEnumerable<LabNode> Workers => Nodes.Skip(1);

    public LabNode? Find(string nodeName) => Nodes.FirstOrDefault(n => n.Name == nodeName);

    /// <summary>Plans a lab; throws <see cref="ArgumentException"/> naming the fix for a bad name or count.</summary>
    public static LabTopology Plan(string name, int workers)
    {
        ValidateName(name);
        if (workers < 0 || workers > MaxWorkers)
        {
            throw new ArgumentException($"--nodes {workers} is out of range; give 0 to {MaxWorkers} workers");
        }
        var nodes = new List<LabNode>();
        for (var i = 0; i <= workers; i++)
        {
            var nodeName = i switch { 0 => $"{name}-control-plane", 1 => $"{name}-worker", _ => $"{name}-worker{i}" };
            var ip = new IPAddress([172, 18, 0, (byte)(i + 2)]);
            var mac = new PhysicalAddress([0x02, 0x42, 172, 18, 0, (byte)(i + 2)]);
            var subnet = new IPNetwork(new IPAddress([10, 244, (byte)i, 0]), 24);
            nodes.Add(new LabNode(nodeName, i, i == 0, ip, mac, $"n{i}", subnet));
        }
        return new LabTopology(name, nodes);
    }

    /// <summary>A lab name becomes part of node names, namespace names and file names: a short DNS label.</summary>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !DnsLabel().IsMatch(name))
        {
            throw new ArgumentException(
                $"lab name '{name}' is not usable; give a lower-case DNS label of at most {MaxNameLength} characters (a-z, 0-9, '-'), e.g. --name ovn");
        }
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
