using k8s.Models;

namespace Ovnk.Lab.Discovery;

/// <summary>The resources the lab serves out of the box (upstream names, short names and categories).</summary>
public static class BuiltinResources
{
    private static readonly string[] All = ["all"];
    private static readonly string[] None = [];
    private static readonly string[] Status = ["status"];

    /// <summary>Every built-in resource type.</summary>
    public static IReadOnlyList<ResourceType> Types { get; } =
    [
        Core("Namespace", "namespaces", false, typeof(V1Namespace), ["ns"], Status, None),
        Core("Node", "nodes", false, typeof(V1Node), ["no"], Status, None),
        Core("Pod", "pods", true, typeof(V1Pod), ["po"], ["status", "binding", "eviction", "exec", "attach", "log"], All),
        Core("Service", "services", true, typeof(V1Service), ["svc"], Status, All),
        Core("Endpoints", "endpoints", true, typeof(V1Endpoints), ["ep"], None, None),
        Core("ConfigMap", "configmaps", true, typeof(V1ConfigMap), ["cm"], None, None),
        Core("Secret", "secrets", true, typeof(V1Secret), None, None, None),
        Core("ServiceAccount", "serviceaccounts", true, typeof(V1ServiceAccount), ["sa"], ["token"], None),
        Core("Event", "events", true, typeof(Corev1Event), ["ev"], None, None),
        Core("PersistentVolumeClaim", "persistentvolumeclaims", true, typeof(V1PersistentVolumeClaim), ["pvc"], Status, None),
        Core("ResourceQuota", "resourcequotas", true, typeof(V1ResourceQuota), ["quota"], Status, None),
        Core("LimitRange", "limitranges", true, typeof(V1LimitRange), ["limits"], None, None),
        Apps("Deployment", "deployments", typeof(V1Deployment), ["deploy"], ["status", "scale"]),
        Apps("ReplicaSet", "replicasets", typeof(V1ReplicaSet), ["rs"], ["status", "scale"]),
        Apps("DaemonSet", "daemonsets", typeof(V1DaemonSet), ["ds"], Status),
        Apps("StatefulSet", "statefulsets", typeof(V1StatefulSet), ["sts"], ["status", "scale"]),
        Apps("ControllerRevision", "controllerrevisions", typeof(V1ControllerRevision), None, None),
        new("batch", "v1", "Job", "jobs", true, typeof(V1Job), None, Status, All),
        new("batch", "v1", "CronJob", "cronjobs", true, typeof(V1CronJob), ["cj"], Status, All),
        new("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, typeof(V1EndpointSlice), None, None, None),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, typeof(V1NetworkPolicy), ["netpol"], None, None),
        new("networking.k8s.io", "v1", "Ingress", "ingresses", true, typeof(V1Ingress), ["ing"], Status, None),
        new("coordination.k8s.io", "v1", "Lease", "leases", true, typeof(V1Lease), None, None, None),
        Rbac("Role", "roles", true, typeof(V1Role)),
        Rbac("ClusterRole", "clusterroles", false, typeof(V1ClusterRole)),
        Rbac("RoleBinding", "rolebindings", true, typeof(V1RoleBinding)),
        Rbac("ClusterRoleBinding", "clusterrolebindings", false, typeof(V1ClusterRoleBinding)),
        new("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, typeof(V1PriorityClass), ["pc"], None, None),
        new("events.k8s.io", "v1", "Event", "events", true, typeof(Eventsv1Event), ["ev"], None, None),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false,
            typeof(V1CustomResourceDefinition), ["crd", "crds"], Status, None),
    ];

    private static ResourceType Core(
        string kind, string plural, bool namespaced, Type model, string[] shortNames, string[] sub, string[] categories) =>
        new("", "v1", kind, plural, namespaced, model, shortNames, sub, categories);

    private static ResourceType Apps(string kind, string plural, Type model, string[] shortNames, string[] sub) =>
        new("apps", "v1", kind, plural, true, model, shortNames, sub, All);

    private static ResourceType Rbac(string kind, string plural, bool namespaced, Type model) =>
        new("rbac.authorization.k8s.io", "v1", kind, plural, namespaced, model, None, None, None);
}
