using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Controllers;

/// <summary>Pure rules shared by the workload controllers (ownership, readiness, pods from templates).</summary>
public static class WorkloadRules
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// Tolerations the DaemonSet controller adds to its pods (pkg/controller/daemon/util): they must start on nodes
    /// that are not ready yet, since they are what brings networking up.
    /// </summary>
    public static readonly (string Key, string Effect)[] DaemonSetTolerations =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        ("node.kubernetes.io/network-unavailable", "NoSchedule"),
    ];

    /// <summary>A stable short hash of a pod template (the pod-template-hash label).</summary>
    public static string TemplateHash(JsonNode? template)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(template?.ToJsonString() ?? ""));
        return string.Concat(bytes.Take(10).Select(b => Alphabet[b % Alphabet.Length]));
    }

    /// <summary>True when <paramref name="obj"/> has an ownerReference with <paramref name="uid"/>.</summary>
    public static bool OwnedBy(JsonObject obj, string uid) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => o?["uid"]?.GetValue<string>() == uid);

    /// <summary>True for a pod that counts towards replicas (not terminating, not finished).</summary>
    public static bool IsActive(JsonObject pod) =>
        Meta.Get(pod, "deletionTimestamp") is null && Meta.StringAt(pod, "status.phase") is not ("Succeeded" or "Failed");

    /// <summary>True when the pod's Ready condition is True.</summary>
    public static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");

    /// <summary>An ownerReference to <paramref name="owner"/> (controller=true, blockOwnerDeletion=true).</summary>
    public static JsonObject OwnerReference(JsonObject owner) => new()
    {
        ["apiVersion"] = owner["apiVersion"]?.DeepClone(),
        ["kind"] = owner["kind"]?.DeepClone(),
        ["name"] = Meta.Name(owner),
        ["uid"] = Meta.Get(owner, "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>A new pod from <paramref name="owner"/>'s template, named owner-xxxxx.</summary>
    public static JsonObject PodFromTemplate(JsonObject owner, JsonObject extraLabels, string? nodeName)
    {
        var template = owner["spec"]?["template"] as JsonObject ?? [];
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = template["metadata"]?.DeepClone() ?? new JsonObject(),
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
        var metadata = Meta.Metadata(pod);
        metadata["name"] = $"{Meta.Name(owner)}-{string.Concat(Enumerable.Range(0, 5).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]))}";
        metadata["namespace"] = Meta.Namespace(owner);
        var labels = Defaulter.Child(metadata, "labels");
        foreach (var (k, v) in extraLabels)
        {
            labels[k] = v?.DeepClone();
        }
        metadata["ownerReferences"] = new JsonArray(OwnerReference(owner));
        if (nodeName is not null)
        {
            pod["spec"]!["nodeName"] = nodeName;
        }
        return pod;
    }
}
