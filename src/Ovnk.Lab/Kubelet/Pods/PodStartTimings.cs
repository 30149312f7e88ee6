using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>
/// When each pod's start reached each stage (Stopwatch timestamps, first occurrence only), so the benchmark can say
/// where a pod's start time goes. Cheap enough to be always on: one dictionary write per stage per pod.
/// </summary>
public sealed class PodStartTimings
{
    private readonly ConcurrentDictionary<(string Uid, PodStartStage Stage), long> _marks = new();

    public void Mark(string uid, PodStartStage stage) => _marks.TryAdd((uid, stage), Stopwatch.GetTimestamp());

    /// <summary>The Stopwatch timestamp of <paramref name="stage"/> for the pod, if reached.</summary>
    public long? Of(string uid, PodStartStage stage) => _marks.TryGetValue((uid, stage), out var t) ? t : null;
}
