using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Controllers;

/// <summary>
/// Pure: the EndpointSlice and Endpoints a service should have, from the pods its selector matches (pods with an IP
/// that are not terminating; readiness from the Ready condition). Named target ports resolve per pod.
/// </summary>
public static class EndpointRules
{
    /// <summary>The slice name for a service (one IPv4 slice per service in the lab).</summary>
    public static string SliceName(JsonObject service) => $"{Meta.Name(service)}-{WorkloadRules.TemplateHash(JsonValue.Create(Meta.Get(service, "uid")))[..5]}";

    /// <summary>The pods backing <paramref name="service"/>.</summary>
    public static List<JsonObject> Backends(JsonObject service, IEnumerable<JsonObject> pods)
    {
        var selector = Meta.StringMap(service["spec"]?["selector"]);
        if (selector.Count == 0)
        {
            return [];
        }
        return [.. pods.Where(p => Meta.Namespace(p) == Meta.Namespace(service) && Meta.Get(p, "deletionTimestamp") is null
            && Meta.StringAt(p, "status.podIP") is { Length: > 0 }
            && selector.All(s => Meta.Labels(p).TryGetValue(s.Key, out var v) && v == s.Value))
            .OrderBy(Meta.Name, StringComparer.Ordinal)];
    }

    /// <summary>The desired EndpointSlice (metadata without server fields).</summary>
    public static JsonObject Slice(JsonObject service, List<JsonObject> backends)
    {
        var endpoints = new JsonArray();
        foreach (var pod in backends)
        {
            var ready = WorkloadRules.IsReady(pod);
            endpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(Meta.StringAt(pod, "status.podIP")),
                ["conditions"] = new JsonObject { ["ready"] = ready, ["serving"] = ready, ["terminating"] = false },
                ["nodeName"] = Meta.StringAt(pod, "spec.nodeName"),
                ["targetRef"] = TargetRef(pod),
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = SliceName(service),
                ["namespace"] = Meta.Namespace(service),
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/service-name"] = Meta.Name(service),
                    ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
                },
                ["ownerReferences"] = new JsonArray(WorkloadRules.OwnerReference(service)),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = Ports(service, backends.FirstOrDefault()),
        };
    }

    private static JsonArray Ports(JsonObject service, JsonObject? samplePod)
    {
        var ports = new JsonArray();
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ports.Add(new JsonObject
            {
                ["name"] = port["name"]?.DeepClone() ?? "",
                ["port"] = ResolvePort(port, samplePod),
                ["protocol"] = port["protocol"]?.DeepClone() ?? "TCP",
            });
        }
        return ports;
    }

    /// <summary>The desired legacy Endpoints object.</summary>
    public static JsonObject Endpoints(JsonObject service, List<JsonObject> backends)
    {
        var slice = Slice(service, backends);
        var ready = new JsonArray();
        var notReady = new JsonArray();
        foreach (var e in (slice["endpoints"] as JsonArray)!.OfType<JsonObject>())
        {
            var address = new JsonObject { ["ip"] = e["addresses"]![0]!.DeepClone(), ["nodeName"] = e["nodeName"]?.DeepClone(), ["targetRef"] = e["targetRef"]!.DeepClone() };
            (e["conditions"]!["ready"]!.GetValue<bool>() ? ready : notReady).Add(address);
        }
        var subsets = new JsonArray();
        if (ready.Count + notReady.Count > 0)
        {
            var subset = new JsonObject { ["ports"] = slice["ports"]!.DeepClone() };
            if (ready.Count > 0)
            {
                subset["addresses"] = ready;
            }
            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = notReady;
            }
            subsets.Add(subset);
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = Meta.Name(service), ["namespace"] = Meta.Namespace(service) },
            ["subsets"] = subsets,
        };
    }

    private static JsonObject TargetRef(JsonObject pod) => new()
    {
        ["kind"] = "Pod", ["namespace"] = Meta.Namespace(pod), ["name"] = Meta.Name(pod), ["uid"] = Meta.Get(pod, "uid"),
    };

    private static JsonNode? ResolvePort(JsonObject servicePort, JsonObject? pod)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (target is JsonValue v && v.TryGetValue<string>(out var name) && pod is not null)
        {
            var match = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
                .FirstOrDefault(p => p["name"]?.GetValue<string>() == name);
            return match?["containerPort"]?.DeepClone();
        }
        return target?.DeepClone();
    }
}
