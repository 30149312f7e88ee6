using k8s.Models;

namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>The Node and Lease objects kubelet-lite writes, built purely from options, facts and CNI readiness.</summary>
public static class NodeObjects
{
    public const string ControlPlaneRole = "node-role.kubernetes.io/control-plane";

    /// <summary>The Node to register (metadata + spec); status is written separately.</summary>
    public static V1Node Node(KubeletOptions options)
    {
        var labels = new Dictionary<string, string>(options.Labels)
        {
            ["kubernetes.io/hostname"] = options.NodeName,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64",
            ["beta.kubernetes.io/os"] = "linux",
        };
        if (options.ControlPlane) labels[ControlPlaneRole] = "";
        return new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = options.NodeName, Labels = labels,
                Annotations = new Dictionary<string, string> { [Ovnk.Lab.Streaming.KubeletEndpoint.SocketAnnotation] = options.StreamingSocketPath },
            },
            Spec = new V1NodeSpec
            {
                Taints = options.ControlPlane ? [new V1Taint { Key = ControlPlaneRole, Effect = "NoSchedule" }] : null,
            },
        };
    }

    /// <summary>
    /// The node's status: Ready is True only while the node's network is ready (CNI config present, STATUS ok), with
    /// kubelet's reasons and messages otherwise (KubeletNotReady, "container runtime network not ready: …").
    /// </summary>
    public static V1NodeStatus Status(KubeletOptions options, NodeFacts facts, string? networkProblem, DateTime now, V1NodeStatus? previous)
    {
        var ready = networkProblem is null;
        var old = previous?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var transition = old is not null && old.Status == (ready ? "True" : "False") ? old.LastTransitionTime ?? now : now;
        var addresses = facts.InternalIps.Select(ip => new V1NodeAddress { Type = "InternalIP", Address = ip })
            .Append(new V1NodeAddress { Type = "Hostname", Address = options.NodeName }).ToList();
        return new V1NodeStatus
        {
            Addresses = addresses,
            Capacity = Resources(),
            Allocatable = Resources(),
            Conditions =
            [
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                new V1NodeCondition
                {
                    Type = "Ready",
                    Status = ready ? "True" : "False",
                    Reason = ready ? "KubeletReady" : "KubeletNotReady",
                    Message = ready ? "kubelet is posting ready status" : $"container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: {networkProblem}",
                    LastHeartbeatTime = now,
                    LastTransitionTime = transition,
                },
            ],
            NodeInfo = new V1NodeSystemInfo
            {
                Architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() == "arm64" ? "arm64" : "amd64",
                OperatingSystem = "linux",
                OsImage = facts.OsImage,
                KernelVersion = facts.KernelVersion,
                KubeletVersion = NodeFacts.KubeletVersion,
                KubeProxyVersion = "",
                ContainerRuntimeVersion = facts.RuntimeVersion,
                MachineID = "",
                SystemUUID = "",
                BootID = "",
            },
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = 10250 } },
        };
    }

    /// <summary>The node's Lease in kube-node-lease (what `kubectl get lease -n kube-node-lease` shows).</summary>
    public static V1Lease Lease(string nodeName, string nodeUid, DateTime now) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = nodeName,
            NamespaceProperty = "kube-node-lease",
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid }],
        },
        Spec = new V1LeaseSpec { HolderIdentity = nodeName, LeaseDurationSeconds = 40, RenewTime = now },
    };

    private static V1NodeCondition Condition(string type, string status, string reason, string message, DateTime now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastHeartbeatTime = now, LastTransitionTime = now };

    private static Dictionary<string, ResourceQuantity> Resources() => new()
    {
        ["cpu"] = new ResourceQuantity(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["memory"] = new ResourceQuantity("8Gi"),
        ["pods"] = new ResourceQuantity("110"),
        ["ephemeral-storage"] = new ResourceQuantity("100Gi"),
    };
}
