using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ovnk.Node.Pods;

/// <summary>
/// Where a pod ADD spends its time inside the agent, one histogram (<see cref="StageInstrument"/>, milliseconds,
/// tag <c>stage</c>) on the <see cref="MeterName"/> meter: annotation, veth, port_commit, ofport, ovn_installed, total.
/// Upstream exposes the whole request as <c>cni_request_duration_seconds</c>; the stages say which peer is slow.
/// Read with a <see cref="MeterListener"/> (the CNI benchmark does) or any System.Diagnostics.Metrics exporter.
/// </summary>
public static class CniAddMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Ovnk.Node";

    /// <summary>The histogram's name.</summary>
    public const string StageInstrument = "ovnk.cni.add.stage";

    /// <summary>The stages, in the order an ADD passes them (<c>total</c> last).</summary>
    public static readonly IReadOnlyList<string> Stages = ["annotation", "veth", "port_commit", "ofport", "ovn_installed", "total"];

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Histogram = Meter.CreateHistogram<double>(StageInstrument, "ms", "time spent by a CNI ADD in each stage inside the node agent");

    /// <summary>Records the time since <paramref name="since"/> for <paramref name="stage"/>; returns now, the next stage's start.</summary>
    internal static long Record(string stage, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Histogram.Record(Stopwatch.GetElapsedTime(since, now).TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));
        return now;
    }
}
