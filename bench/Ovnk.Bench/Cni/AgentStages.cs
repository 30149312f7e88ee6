using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ovnk.Node.Pods;

namespace Ovnk.Bench.Cni;

/// <summary>
/// Collects the in-process node agent's per-stage ADD timings (<see cref="CniAddMetrics"/>) while enabled, so the
/// benchmark can say how much of an ADD is the agent's own work and how much the exec and the peers.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class AgentStages : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> samples = new(StringComparer.Ordinal);
    private volatile bool enabled;

    public AgentStages()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CniAddMetrics.MeterName && instrument.Name == CniAddMetrics.StageInstrument) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (!enabled) return;
            foreach (var tag in tags)
            {
                if (tag is { Key: "stage", Value: string stage }) samples.GetOrAdd(stage, _ => []).Add(value);
            }
        });
        listener.Start();
    }

    /// <summary>Starts collecting, dropping what was collected before.</summary>
    public void Start()
    {
        samples.Clear();
        enabled = true;
    }

    /// <summary>Stops collecting; returns each stage's samples.</summary>
    public IReadOnlyDictionary<string, List<double>> Stop()
    {
        enabled = false;
        return CniAddMetrics.Stages.ToDictionary(s => s, s => samples.TryGetValue(s, out var bag) ? bag.ToList() : [], StringComparer.Ordinal);
    }

    public void Dispose() => listener.Dispose();
}
