using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tables;

/// <summary>Pods and workload controllers, as pkg/printers/internalversion/printers.go defines their columns.</summary>
public static class WorkloadPrinters
{
    private static readonly Column Name = new("Name", "string", 0, "name");
    private static readonly Column Age = new("Age", "string");

    /// <summary>pods: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES.</summary>
    public static Printer Pod { get; } = new(
        [Name, new("Ready", "string"), new("Status", "string"), new("Restarts", "string"), Age,
         new("IP", "string", 1), new("Node", "string", 1), new("Nominated Node", "string", 1), new("Readiness Gates", "string", 1)],
        (o, now) =>
        {
            var containers = Cells.Items(o, "spec.containers").Count();
            var statuses = Cells.Items(o, "status.containerStatuses").ToList();
            var ready = statuses.Count(s => s["ready"]?.GetValue<bool>() == true);
            var inits = Cells.Items(o, "status.initContainerStatuses").ToList();
            var restarts = statuses.Sum(s => Cells.Int(s, "restartCount")) + inits.Sum(s => Cells.Int(s, "restartCount"));
            var gates = Cells.Items(o, "spec.readinessGates").ToList();
            var gateText = gates.Count == 0 ? Cells.None : $"{gates.Count(g => PodConditionTrue(o, Cells.Str(g, "conditionType", "")))}/{gates.Count}";
            return [Meta.Name(o), $"{ready}/{containers}", InitStatus(o, inits) ?? PodStatus(o, statuses), restarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                HumanDuration.Age(o, now), Cells.Str(o, "status.podIP"), Cells.Str(o, "spec.nodeName"),
                Cells.Str(o, "status.nominatedNodeName"), gateText];
        });

    /// <summary>deployments: NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR.</summary>
    public static Printer Deployment { get; } = new(
        [Name, new("Ready", "string"), new("Up-to-date", "string"), new("Available", "string"), Age,
         new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1)],
        (o, now) =>
        {
            var (names, images) = Cells.Containers(o, "spec.template.spec");
            return [Meta.Name(o), $"{Cells.Int(o, "status.readyReplicas")}/{Cells.Int(o, "spec.replicas")}",
                Cells.Int(o, "status.updatedReplicas"), Cells.Int(o, "status.availableReplicas"), HumanDuration.Age(o, now),
                names, images, Cells.Selector(o["spec"]?["selector"])];
        });

    /// <summary>replicasets: NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR.</summary>
    public static Printer ReplicaSet { get; } = new(
        [Name, new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), Age,
         new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1)],
        (o, now) =>
        {
            var (names, images) = Cells.Containers(o, "spec.template.spec");
            return [Meta.Name(o), Cells.Int(o, "spec.replicas"), Cells.Int(o, "status.replicas"), Cells.Int(o, "status.readyReplicas"),
                HumanDuration.Age(o, now), names, images, Cells.Selector(o["spec"]?["selector"])];
        });

    /// <summary>daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE | CONTAINERS IMAGES SELECTOR.</summary>
    public static Printer DaemonSet { get; } = new(
        [Name, new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Up-to-date", "integer"),
         new("Available", "integer"), new("Node Selector", "string"), Age,
         new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1)],
        (o, now) =>
        {
            var (names, images) = Cells.Containers(o, "spec.template.spec");
            return [Meta.Name(o), Cells.Int(o, "status.desiredNumberScheduled"), Cells.Int(o, "status.currentNumberScheduled"),
                Cells.Int(o, "status.numberReady"), Cells.Int(o, "status.updatedNumberScheduled"), Cells.Int(o, "status.numberAvailable"),
                Cells.MapPairs(o["spec"]?["template"]?["spec"]?["nodeSelector"]), HumanDuration.Age(o, now),
                names, images, Cells.Selector(o["spec"]?["selector"])];
        });

    private static bool PodConditionTrue(JsonObject pod, string type) =>
        Cells.Items(pod, "status.conditions").Any(c => Cells.Str(c, "type", "") == type && Cells.Str(c, "status", "") == "True");

    /// <summary>kubectl's STATUS while init containers have not all completed (Init:N/M, Init:Error, Init:CrashLoopBackOff …), else null.</summary>
    private static string? InitStatus(JsonObject pod, List<JsonObject> inits)
    {
        if (Meta.Get(pod, "deletionTimestamp") is not null)
        {
            return null;
        }
        var total = Cells.Items(pod, "spec.initContainers").Count();
        for (var i = 0; i < inits.Count; i++)
        {
            var s = inits[i];
            if (s["state"]?["terminated"] is JsonObject terminated)
            {
                var code = Cells.Int(terminated, "exitCode");
                if (code == 0)
                {
                    continue;
                }
                var reason = Cells.Str(terminated, "reason", "");
                var signal = Cells.Int(terminated, "signal");
                return reason.Length > 0 ? $"Init:{reason}" : signal != 0 ? $"Init:Signal:{signal}" : $"Init:ExitCode:{code}";
            }
            var waiting = Cells.Str(s, "state.waiting.reason", "");
            return waiting.Length > 0 && waiting != "PodInitializing" ? $"Init:{waiting}" : $"Init:{i}/{total}";
        }
        return null;
    }

    private static string PodStatus(JsonObject pod, List<JsonObject> statuses)
    {
        if (Meta.Get(pod, "deletionTimestamp") is not null)
        {
            return "Terminating";
        }
        var reason = Cells.Str(pod, "status.reason", Cells.Str(pod, "status.phase", "Pending"));
        foreach (var s in statuses)
        {
            if (Cells.Str(s, "state.waiting.reason", "") is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (Cells.Str(s, "state.terminated.reason", "") is { Length: > 0 } terminated)
            {
                reason = terminated;
            }
        }
        return reason;
    }
}
