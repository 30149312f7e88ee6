using System.Globalization;
using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tables;

/// <summary>Core and networking kinds, as pkg/printers/internalversion/printers.go defines their columns.</summary>
public static class CorePrinters
{
    private static readonly Column Name = new("Name", "string", 0, "name");
    private static readonly Column Age = new("Age", "string");

    /// <summary>nodes: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.</summary>
    public static Printer Node { get; } = new(
        [Name, new("Status", "string"), new("Roles", "string"), Age, new("Version", "string"),
         new("Internal-IP", "string", 1), new("External-IP", "string", 1), new("OS-Image", "string", 1),
         new("Kernel-Version", "string", 1), new("Container-Runtime", "string", 1)],
        (o, now) =>
        [
            Meta.Name(o), NodeStatus(o), NodeRoles(o), HumanDuration.Age(o, now), Cells.Str(o, "status.nodeInfo.kubeletVersion", ""),
            Address(o, "InternalIP"), Address(o, "ExternalIP"), Cells.Str(o, "status.nodeInfo.osImage", "<unknown>"),
            Cells.Str(o, "status.nodeInfo.kernelVersion", "<unknown>"), Cells.Str(o, "status.nodeInfo.containerRuntimeVersion", "<unknown>"),
        ]);

    /// <summary>namespaces: NAME STATUS AGE.</summary>
    public static Printer Namespace { get; } = new(
        [Name, new("Status", "string"), Age],
        (o, now) => [Meta.Name(o), Cells.Str(o, "status.phase", ""), HumanDuration.Age(o, now)]);

    /// <summary>services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR.</summary>
    public static Printer Service { get; } = new(
        [Name, new("Type", "string"), new("Cluster-IP", "string"), new("External-IP", "string"), new("Port(s)", "string"), Age,
         new("Selector", "string", 1)],
        (o, now) =>
        [
            Meta.Name(o), Cells.Str(o, "spec.type", "ClusterIP"), Cells.Str(o, "spec.clusterIP"), ExternalIp(o), ServicePorts(o),
            HumanDuration.Age(o, now), Cells.MapPairs(o["spec"]?["selector"]),
        ]);

    /// <summary>configmaps: NAME DATA AGE.</summary>
    public static Printer ConfigMap { get; } = new(
        [Name, new("Data", "integer"), Age],
        (o, now) => [Meta.Name(o), Count(o["data"]) + Count(o["binaryData"]), HumanDuration.Age(o, now)]);

    /// <summary>secrets: NAME TYPE DATA AGE.</summary>
    public static Printer Secret { get; } = new(
        [Name, new("Type", "string"), new("Data", "integer"), Age],
        (o, now) => [Meta.Name(o), Cells.Str(o, "type", ""), Count(o["data"]), HumanDuration.Age(o, now)]);

    /// <summary>serviceaccounts: NAME SECRETS AGE.</summary>
    public static Printer ServiceAccount { get; } = new(
        [Name, new("Secrets", "integer"), Age],
        (o, now) => [Meta.Name(o), (o["secrets"] as JsonArray)?.Count ?? 0, HumanDuration.Age(o, now)]);

    /// <summary>endpoints: NAME ENDPOINTS AGE.</summary>
    public static Printer Endpoints { get; } = new(
        [Name, new("Endpoints", "string"), Age],
        (o, now) => [Meta.Name(o), EndpointList(o), HumanDuration.Age(o, now)]);

    /// <summary>networkpolicies: NAME POD-SELECTOR AGE.</summary>
    public static Printer NetworkPolicy { get; } = new(
        [Name, new("Pod-Selector", "string"), Age],
        (o, now) => [Meta.Name(o), Cells.Selector(o["spec"]?["podSelector"]) is var s && s == Cells.None ? "<none>" : s, HumanDuration.Age(o, now)]);

    /// <summary>leases: NAME HOLDER AGE.</summary>
    public static Printer Lease { get; } = new(
        [Name, new("Holder", "string"), Age],
        (o, now) => [Meta.Name(o), Cells.Str(o, "spec.holderIdentity", ""), HumanDuration.Age(o, now)]);

    /// <summary>endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE.</summary>
    public static Printer EndpointSlice { get; } = new(
        [Name, new("AddressType", "string"), new("Ports", "string"), new("Endpoints", "string"), Age],
        (o, now) =>
        [
            Meta.Name(o), Cells.Str(o, "addressType", ""),
            Cells.Join(Cells.Items(o, "ports").Select(p => Cells.Str(p, "port", ""))) is var ports && ports == Cells.None ? "<unset>" : ports,
            Cells.Join(Cells.Items(o, "endpoints").SelectMany(e => (e["addresses"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? ""))),
            HumanDuration.Age(o, now),
        ]);

    /// <summary>customresourcedefinitions: NAME CREATED AT (an RFC 3339 time, not an age).</summary>
    public static Printer CustomResourceDefinition { get; } = new(
        [Name, new("Created At", "date")],
        (o, _) => [Meta.Name(o), Meta.Get(o, "creationTimestamp")]);

    /// <summary>The default for kinds without a printer (and CRDs without printer columns): NAME AGE.</summary>
    public static Printer Default { get; } = new([Name, Age], (o, now) => [Meta.Name(o), HumanDuration.Age(o, now)]);

    private static int Count(JsonNode? map) => (map as JsonObject)?.Count ?? 0;

    private static string NodeStatus(JsonObject node)
    {
        var ready = Cells.Items(node, "status.conditions").FirstOrDefault(c => Cells.Str(c, "type", "") == "Ready");
        var status = ready is null ? "Unknown" : Cells.Str(ready, "status", "") switch
        {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "Unknown",
        };
        return node["spec"]?["unschedulable"]?.GetValue<bool>() == true ? status + ",SchedulingDisabled" : status;
    }

    private static string NodeRoles(JsonObject node)
    {
        var roles = Meta.Labels(node).Keys
            .Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(k => k["node-role.kubernetes.io/".Length..]).Where(r => r.Length > 0).Order(StringComparer.Ordinal);
        return Cells.Join(roles);
    }

    private static string Address(JsonObject node, string type) =>
        Cells.Join(Cells.Items(node, "status.addresses").Where(a => Cells.Str(a, "type", "") == type).Select(a => Cells.Str(a, "address", "")));

    private static string ExternalIp(JsonObject svc)
    {
        var external = (svc["spec"]?["externalIPs"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? "").ToList();
        external.AddRange(Cells.Items(svc, "status.loadBalancer.ingress").Select(i => Cells.Str(i, "ip", Cells.Str(i, "hostname", ""))));
        return Cells.Str(svc, "spec.type", "ClusterIP") switch
        {
            "LoadBalancer" when external.Count == 0 => "<pending>",
            "ExternalName" => Cells.Str(svc, "spec.externalName"),
            _ => Cells.Join(external),
        };
    }

    private static string ServicePorts(JsonObject svc)
    {
        var ports = Cells.Items(svc, "spec.ports").Select(p =>
        {
            var nodePort = Cells.Int(p, "nodePort");
            var port = Cells.Str(p, "port", "");
            var text = nodePort > 0 ? $"{port}:{nodePort.ToString(CultureInfo.InvariantCulture)}" : port;
            return $"{text}/{Cells.Str(p, "protocol", "TCP")}";
        });
        return Cells.Join(ports);
    }

    private static string EndpointList(JsonObject ep)
    {
        var all = Cells.Items(ep, "subsets").SelectMany(s =>
            Cells.Items(s, "addresses").SelectMany(a => Cells.Items(s, "ports").DefaultIfEmpty([])
                .Select(p => p.Count == 0 ? Cells.Str(a, "ip", "") : $"{Cells.Str(a, "ip", "")}:{Cells.Str(p, "port", "")}"))).ToList();
        var shown = string.Join(',', all.Take(3));
        return all.Count == 0 ? Cells.None : all.Count > 3 ? $"{shown} + {all.Count - 3} more..." : shown;
    }
}
