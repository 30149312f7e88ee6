using System.Collections.Frozen;

namespace Ovnk.Lab.Protobuf;

/// <summary>
/// Field numbers of the messages kubectl's typed generators send (k8s.io/api generated.proto, v1.32) — the subset
/// that `kubectl create namespace|configmap|secret|serviceaccount|deployment|service` and `kubectl run` produce.
/// Fields missing here are rejected with a message naming them, never dropped silently (zero values excepted,
/// since gogo-protobuf writes every non-pointer field).
/// </summary>
public static class ProtoSchemas
{
    private static ProtoField S(string name) => new(name, ProtoKind.String);

    private static ProtoField I(string name) => new(name, ProtoKind.Int);

    private static ProtoField B(string name) => new(name, ProtoKind.Bool);

    private static ProtoField M(string name, string message, bool repeated = false) => new(name, ProtoKind.Message, message, repeated);

    /// <summary>Messages by name: field number → field.</summary>
    public static FrozenDictionary<string, FrozenDictionary<int, ProtoField>> Messages { get; } = new Dictionary<string, Dictionary<int, ProtoField>>
    {
        ["ObjectMeta"] = new()
        {
            [1] = S("name"), [2] = S("generateName"), [3] = S("namespace"), [5] = S("uid"), [6] = S("resourceVersion"),
            [7] = I("generation"), [8] = new("creationTimestamp", ProtoKind.Time), [11] = new("labels", ProtoKind.StringMap),
            [12] = new("annotations", ProtoKind.StringMap), [14] = new("finalizers", ProtoKind.String, null, true),
        },
        ["Namespace"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "Empty"), [3] = M("status", "Empty") },
        ["ConfigMap"] = new()
        {
            [1] = M("metadata", "ObjectMeta"), [2] = new("data", ProtoKind.StringMap), [3] = new("binaryData", ProtoKind.BytesMap), [4] = B("immutable"),
        },
        ["Secret"] = new()
        {
            [1] = M("metadata", "ObjectMeta"), [2] = new("data", ProtoKind.BytesMap), [3] = S("type"),
            [4] = new("stringData", ProtoKind.StringMap), [5] = B("immutable"),
        },
        ["ServiceAccount"] = new() { [1] = M("metadata", "ObjectMeta"), [3] = B("automountServiceAccountToken") },
        ["Deployment"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "DeploymentSpec"), [3] = M("status", "Empty") },
        ["DeploymentSpec"] = new()
        {
            [1] = I("replicas"), [2] = M("selector", "LabelSelector"), [3] = M("template", "PodTemplateSpec"), [4] = M("strategy", "DeploymentStrategy"),
            [5] = I("minReadySeconds"), [6] = I("revisionHistoryLimit"), [7] = B("paused"), [9] = I("progressDeadlineSeconds"),
        },
        ["DeploymentStrategy"] = new() { [1] = S("type") },
        ["LabelSelector"] = new() { [1] = new("matchLabels", ProtoKind.StringMap) },
        ["PodTemplateSpec"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodSpec") },
        ["Pod"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodSpec"), [3] = M("status", "Empty") },
        ["PodSpec"] = new()
        {
            [2] = M("containers", "Container", true), [3] = S("restartPolicy"), [4] = I("terminationGracePeriodSeconds"),
            [6] = S("dnsPolicy"), [7] = new("nodeSelector", ProtoKind.StringMap), [8] = S("serviceAccountName"),
            [10] = S("nodeName"), [11] = B("hostNetwork"), [12] = B("hostPID"), [13] = B("hostIPC"), [19] = S("schedulerName"),
            [20] = M("initContainers", "Container", true),
        },
        ["Container"] = new()
        {
            [1] = S("name"), [2] = S("image"), [3] = new("command", ProtoKind.String, null, true), [4] = new("args", ProtoKind.String, null, true),
            [5] = S("workingDir"), [6] = M("ports", "ContainerPort", true), [7] = M("env", "EnvVar", true), [8] = M("resources", "ResourceRequirements"),
            [13] = S("terminationMessagePath"), [14] = S("imagePullPolicy"), [16] = B("stdin"), [17] = B("stdinOnce"), [18] = B("tty"),
            [20] = S("terminationMessagePolicy"),
        },
        ["ContainerPort"] = new() { [1] = S("name"), [2] = I("hostPort"), [3] = I("containerPort"), [4] = S("protocol"), [5] = S("hostIP") },
        ["EnvVar"] = new() { [1] = S("name"), [2] = S("value") },
        ["ResourceRequirements"] = new() { [1] = new("limits", ProtoKind.QuantityMap), [2] = new("requests", ProtoKind.QuantityMap) },
        ["Service"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "ServiceSpec"), [3] = M("status", "Empty") },
        ["ServiceSpec"] = new()
        {
            [1] = M("ports", "ServicePort", true), [2] = new("selector", ProtoKind.StringMap), [3] = S("clusterIP"), [4] = S("type"),
            [5] = new("externalIPs", ProtoKind.String, null, true), [7] = S("sessionAffinity"), [10] = S("externalName"),
        },
        ["ServicePort"] = new()
        {
            [1] = S("name"), [2] = S("protocol"), [3] = I("port"), [4] = new("targetPort", ProtoKind.IntOrString), [5] = I("nodePort"),
        },
        ["TokenRequest"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "TokenRequestSpec"), [3] = M("status", "Empty") },
        ["TokenRequestSpec"] = new()
        {
            [1] = new("audiences", ProtoKind.String, null, true), [3] = M("boundObjectRef", "BoundObjectReference"), [4] = I("expirationSeconds"),
        },
        ["BoundObjectReference"] = new() { [1] = S("kind"), [2] = S("apiVersion"), [3] = S("name"), [4] = S("uid") },
        ["Empty"] = new(),
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary());

    /// <summary>The root message for a kind, or null when the kind cannot be decoded.</summary>
    public static string? RootFor(string kind) => Messages.ContainsKey(kind) && kind != "Empty" ? kind : null;
}
