using System.Globalization;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// Why a node or an Ovnk pod is not Ready, for a failed `lab up`: which Ovnk container on which node is stuck, its log
/// file and the log's last lines (issue 8: "a failure names the step, the component's log, and the fix").
/// </summary>
public static class LabDiagnosis
{
    /// <summary>How many log lines a failure shows (enough to see what a daemon waits for, short enough to read).</summary>
    public const int TailLines = 25;

    /// <summary>Pure: the not-Ready containers of the Ovnk pods on <paramref name="node"/> (all containers of a pod that has no statuses yet).</summary>
    public static IReadOnlyList<StuckContainer> Stuck(IEnumerable<V1Pod> pods, string node, LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(paths);
        var stuck = new List<StuckContainer>();
        foreach (var pod in pods.Where(p => p.Spec?.NodeName == node && !LabApi.IsReady(p)).OrderBy(p => p.Name(), StringComparer.Ordinal))
        {
            var statuses = pod.Status?.ContainerStatuses ?? [];
            foreach (var container in pod.Spec!.Containers)
            {
                var status = statuses.FirstOrDefault(s => s.Name == container.Name);
                if (status?.Ready == true) continue;
                var directory = new Kubelet.Nodes.NodePaths(paths.NodeDirectory(node))
                    .ContainerLogDirectory(pod.Namespace() ?? LabApi.OvnkNamespace, pod.Name(), pod.Uid() ?? "", container.Name);
                stuck.Add(new StuckContainer(pod.Name(), container.Name, Describe(status), directory));
            }
        }
        return stuck;
    }

    /// <summary>Pure: "Running, not Ready, 2 restarts" / "Waiting (CrashLoopBackOff), 5 restarts" / "no status yet".</summary>
    public static string Describe(V1ContainerStatus? status)
    {
        if (status is null) return "no status yet";
        var state = status.State switch
        {
            { Running: not null } => "Running, not Ready",
            { Waiting: { } w } => $"Waiting ({w.Reason})",
            { Terminated: { } t } => string.Create(CultureInfo.InvariantCulture, $"Terminated ({t.Reason}, exit {t.ExitCode})"),
            _ => "unknown state",
        };
        var restarts = status.RestartCount;
        return restarts == 0 ? state : string.Create(CultureInfo.InvariantCulture, $"{state}, {restarts} restart{(restarts == 1 ? "" : "s")}");
    }

    /// <summary>The newest log file of a container (kubelet-lite writes RESTARTCOUNT.log), or null when it has none.</summary>
    public static string? LatestLog(string logDirectory)
    {
        if (!Directory.Exists(logDirectory)) return null;
        return new DirectoryInfo(logDirectory).GetFiles("*.log").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName;
    }

    /// <summary>The last <paramref name="lines"/> lines of a CRI-format log, without the "TIME STREAM TAG " prefixes.</summary>
    public static IReadOnlyList<string> Tail(string file, int lines = TailLines)
    {
        ArgumentNullException.ThrowIfNull(file);
        var tail = new Queue<string>(lines + 1);
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                tail.Enqueue(StripCri(line));
                if (tail.Count > lines) tail.Dequeue();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [$"(cannot read {file}: {e.Message})"];
        }
        return [.. tail];
    }

    /// <summary>Pure: "2026-11-23T17:50:15.1Z stdout F text" → "text"; other lines unchanged.</summary>
    public static string StripCri(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', 4);
        return parts.Length == 4 && (parts[1] is "stdout" or "stderr") && parts[2] is "F" or "P"
            && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? parts[3] : line;
    }

    /// <summary>Text for a failure: each stuck container with its log path and tail (the first <paramref name="withTail"/> get tails).</summary>
    public static string Report(string node, IReadOnlyList<StuckContainer> stuck, int withTail = 2)
    {
        ArgumentNullException.ThrowIfNull(stuck);
        if (stuck.Count == 0) return $"no Ovnk pod on {node} reports a not-Ready container";
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < stuck.Count; i++)
        {
            var s = stuck[i];
            var log = LatestLog(s.LogDirectory);
            text.Append(CultureInfo.InvariantCulture, $"{s.Pod} on {node}, container {s.Container}: {s.State}; log: {log ?? s.LogDirectory + " (no log yet)"}\n");
            if (log is null || i >= withTail) continue;
            foreach (var line in Tail(log)) text.Append("    | ").Append(line).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }
}
