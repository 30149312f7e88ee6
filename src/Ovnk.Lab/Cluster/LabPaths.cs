namespace Ovnk.Lab.Cluster;

/// <summary>
/// The lab's state directory (LAB-CONTRACT.md): lab.json, apiserver/ (its kubeconfig), nodes/NODE/ (kubelet-lite's
/// state dir for that node, so the node's own /run/ovn is nodes/NODE/root/run/ovn), pids/ and logs/ of the
/// processes `lab up` started.
/// </summary>
public sealed class LabPaths
{
    /// <summary>Where labs live unless --state-dir says otherwise.</summary>
    public const string DefaultParent = "/var/lib/ovnk-lab";

    public LabPaths(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public static LabPaths Default(string name) => new(Path.Combine(DefaultParent, name));

    public string RecordFile => Path.Combine(Root, "lab.json");

    public string ApiServerDirectory => Path.Combine(Root, "apiserver");

    public string Kubeconfig => Path.Combine(ApiServerDirectory, "kubeconfig");

    public string NodesDirectory => Path.Combine(Root, "nodes");

    public string NodeDirectory(string node) => Path.Combine(NodesDirectory, node);

    /// <summary>The host path of <paramref name="standardPath"/> inside <paramref name="node"/> (kubelet-lite's NodePaths).</summary>
    public string NodeOwned(string node, string standardPath) => new Kubelet.Nodes.NodePaths(NodeDirectory(node)).Owned(standardPath);

    public string PidDirectory => Path.Combine(Root, "pids");

    public string LogDirectory => Path.Combine(Root, "logs");

    public string PidFile(string component) => Path.Combine(PidDirectory, component + ".pid");

    public string LogFile(string component) => Path.Combine(LogDirectory, component + ".log");
}
