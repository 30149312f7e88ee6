using System.Text.Json.Nodes;

namespace Ovnk.Lab.Objects;

/// <summary>
/// Defaulting of the fields kubectl and controllers rely on (pkg/apis/*/v1/defaults.go), applied on create and
/// update. Only absent fields are set.
/// </summary>
public static class Defaulter
{
    /// <summary>Applies the defaults for <paramref name="kind"/> in place.</summary>
    public static void Apply(string group, string kind, JsonObject obj)
    {
        switch ((group, kind))
        {
            case ("", "Pod"):
                PodSpec(Child(obj, "spec"));
                var status = Child(obj, "status");
                status.TryAdd("phase", "Pending");
                status.TryAdd("qosClass", "BestEffort");
                break;
            case ("", "Namespace"):
                Child(obj, "spec").TryAdd("finalizers", new JsonArray("kubernetes"));
                Child(obj, "status").TryAdd("phase", "Active");
                Child(Meta.Metadata(obj), "labels")["kubernetes.io/metadata.name"] = Meta.Name(obj);
                break;
            case ("", "Service"):
                Service(Child(obj, "spec"));
                break;
            case ("apps", "Deployment"):
                Deployment(Child(obj, "spec"));
                break;
            case ("apps", "ReplicaSet"):
                Child(obj, "spec").TryAdd("replicas", 1);
                PodTemplate(Child(obj, "spec"));
                break;
            case ("apps", "DaemonSet"):
                DaemonSet(Child(obj, "spec"));
                break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"):
                CrdStatus(obj);
                break;
            case ("", "Secret"):
                obj.TryAdd("type", "Opaque");
                break;
        }
    }

    /// <summary>The object at <paramref name="key"/>, created when absent.</summary>
    public static JsonObject Child(JsonObject parent, string key)
    {
        if (parent[key] is not JsonObject child)
        {
            child = [];
            parent[key] = child;
        }
        return child;
    }

    private static void CrdStatus(JsonObject crd)
    {
        // No controller runs for CRDs in the lab: names are accepted and the CRD is established at once.
        var status = Child(crd, "status");
        if (status.ContainsKey("conditions"))
        {
            return;
        }
        status["acceptedNames"] = crd["spec"]?["names"]?.DeepClone();
        var now = Meta.Timestamp(DateTimeOffset.UtcNow);
        status["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["reason"] = "NoConflicts", ["message"] = "no conflicts found", ["lastTransitionTime"] = now },
            new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted", ["lastTransitionTime"] = now });
        status["storedVersions"] = new JsonArray([.. (crd["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)v["name"]?.DeepClone())]);
    }

    private static void PodTemplate(JsonObject spec) => PodSpec(Child(Child(spec, "template"), "spec"));

    private static void PodSpec(JsonObject spec)
    {
        spec.TryAdd("restartPolicy", "Always");
        spec.TryAdd("terminationGracePeriodSeconds", 30);
        spec.TryAdd("dnsPolicy", "ClusterFirst");
        spec.TryAdd("securityContext", new JsonObject());
        spec.TryAdd("schedulerName", "default-scheduler");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                Container(container);
            }
        }
    }

    private static void Container(JsonObject container)
    {
        container.TryAdd("terminationMessagePath", "/dev/termination-log");
        container.TryAdd("terminationMessagePolicy", "File");
        container.TryAdd("resources", new JsonObject());
        var image = container["image"]?.GetValue<string>() ?? "";
        var tagged = image.Contains('@', StringComparison.Ordinal) ||
            (image.LastIndexOf(':') > image.LastIndexOf('/') && !image.EndsWith(":latest", StringComparison.Ordinal));
        container.TryAdd("imagePullPolicy", tagged ? "IfNotPresent" : "Always");
        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port.TryAdd("protocol", "TCP");
        }
    }

    private static void Service(JsonObject spec)
    {
        spec.TryAdd("type", "ClusterIP");
        spec.TryAdd("sessionAffinity", "None");
        spec.TryAdd("internalTrafficPolicy", "Cluster");
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port.TryAdd("protocol", "TCP");
            port.TryAdd("targetPort", port["port"]?.DeepClone());
        }
    }

    private static void Deployment(JsonObject spec)
    {
        spec.TryAdd("replicas", 1);
        spec.TryAdd("revisionHistoryLimit", 10);
        spec.TryAdd("progressDeadlineSeconds", 600);
        var strategy = Child(spec, "strategy");
        strategy.TryAdd("type", "RollingUpdate");
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            var rolling = Child(strategy, "rollingUpdate");
            rolling.TryAdd("maxUnavailable", "25%");
            rolling.TryAdd("maxSurge", "25%");
        }
        PodTemplate(spec);
    }

    private static void DaemonSet(JsonObject spec)
    {
        spec.TryAdd("revisionHistoryLimit", 10);
        var strategy = Child(spec, "updateStrategy");
        strategy.TryAdd("type", "RollingUpdate");
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            var rolling = Child(strategy, "rollingUpdate");
            rolling.TryAdd("maxUnavailable", 1);
            rolling.TryAdd("maxSurge", 0);
        }
        PodTemplate(spec);
    }
}
