namespace Ovnk.Model.Naming;

/// <summary>Logical_Router_Policy priorities on <c>ovn_cluster_router</c> (upstream <c>types/const.go</c>; reference §2.3).</summary>
public static class RouterPolicyPriorities
{
    /// <summary>Pod → node IP leaves through that node's management port (one policy per node).</summary>
    public const int NodeSubnetToNodeIp = 1004;
}
