using System.Net;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Translation.Topology;

namespace Ovnk.Translation.Tests;

/// <summary>The nodes and pods the tests translate (kind-like: ovn-worker with ID 3 and 10.244.1.0/24).</summary>
internal static class Samples
{
    public static NodeInfo Node(string name = "ovn-worker", int id = 3, string subnet = "10.244.1.0/24", string ip = "172.18.0.3/16") => new(
        name, id, [IPNetwork.Parse(subnet)], [new InterfaceAddress(IPAddress.Parse($"100.64.0.{id}"), 16)],
        "chassis-" + name, new MacAddress(0xca538823bc98UL),
        new L3GatewayConfig(GatewayMode.Shared, "breth0", "breth0_" + name, new MacAddress(0x0242ac120003UL),
            [InterfaceAddress.TryParse(ip, out var a) ? a.Value : throw new ArgumentException(ip)], [IPAddress.Parse("172.18.0.1")], true, 0));

    public static PodInfo Pod(string ns = "default", string name = "web-0", string ip = "10.244.1.5", string node = "ovn-worker") =>
        new(ns, name, "uid-" + name, node, "chassis-" + node,
            PodNetworksAnnotation.DefaultEntry(new InterfaceAddress(IPAddress.Parse(ip), 24), IPAddress.Parse("10.244.1.1"), []));
}
