using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Diagnostics;

/// <summary>
/// Durations by key (e.g. "PATCH pods/status", "store.lock_wait"), kept as raw samples so percentiles are exact.
/// Always on and cheap: one timestamp pair and a queue append per observation; each key keeps at most
/// <see cref="MaxSamplesPerKey"/> samples (the oldest are dropped) so memory stays bounded in a long-running lab.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Samples kept per key (a 30-pod burst writes a few hundred).</summary>
    public const int MaxSamplesPerKey = 20_000;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _samples = new(StringComparer.Ordinal);

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to now.</summary>
    public void Since(string key, long startTimestamp) =>
        Record(key, Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    /// <summary>Records one duration in milliseconds.</summary>
    public void Record(string key, double milliseconds)
    {
        var queue = _samples.GetOrAdd(key, _ => new ConcurrentQueue<double>());
        queue.Enqueue(milliseconds);
        while (queue.Count > MaxSamplesPerKey && queue.TryDequeue(out _))
        {
        }
    }

    /// <summary>Forgets every sample (a benchmark measures one phase).</summary>
    public void Reset() => _samples.Clear();

    /// <summary>Per key: count, p50, p99, max and total in milliseconds (keys sorted).</summary>
    public JsonObject Summary()
    {
        var result = new JsonObject();
        foreach (var key in _samples.Keys.Order(StringComparer.Ordinal))
        {
            var values = _samples[key].ToArray();
            if (values.Length == 0) continue;
            Array.Sort(values);
            result[key] = new JsonObject
            {
                ["n"] = values.Length,
                ["p50"] = Math.Round(Percentile(values, 50), 1),
                ["p99"] = Math.Round(Percentile(values, 99), 1),
                ["max"] = Math.Round(values[^1], 1),
                ["total"] = Math.Round(values.Sum(), 0),
            };
        }
        return result;
    }

    /// <summary>Nearest-rank percentile of sorted <paramref name="sorted"/>.</summary>
    public static double Percentile(double[] sorted, int percentile)
    {
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
