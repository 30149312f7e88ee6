using Ovnk.Model.Annotations;

namespace Ovnk.Translation.Topology;

/// <summary>A pod with its allocated network (from its <c>k8s.ovn.org/pod-networks</c> entry) and its node's chassis.</summary>
public sealed record PodInfo(string Namespace, string Name, string Uid, string NodeName, string ChassisId, PodNetwork Network);
