using System.Globalization;
using System.Text;

namespace Ovnk.Controller.Metrics;

/// <summary>A Prometheus histogram in seconds (cumulative buckets, sum, count). Thread-safe.</summary>
public sealed class Histogram(string name, string help)
{
    // client_golang's default buckets, refined below 25 ms where the pod latency target (p99 ≤ 20 ms) lies.
    private static readonly double[] Bounds = [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[Bounds.Length];
    private double _sum;
    private long _count;

    /// <summary>The metric name.</summary>
    public string Name => name;

    /// <summary>Observations so far.</summary>
    public long Count { get { lock (_lock) return _count; } }

    /// <summary>Records one observation.</summary>
    public void Observe(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        lock (_lock)
        {
            for (var i = 0; i < Bounds.Length; i++)
                if (seconds <= Bounds[i]) _counts[i]++;
            _sum += seconds;
            _count++;
        }
    }

    /// <summary>Appends the exposition-format lines.</summary>
    public void Render(StringBuilder sb, string labels = "")
    {
        ArgumentNullException.ThrowIfNull(sb);
        var c = CultureInfo.InvariantCulture;
        var sep = labels.Length > 0 ? labels + "," : "";
        sb.Append(c, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
        lock (_lock)
        {
            for (var i = 0; i < Bounds.Length; i++)
                sb.Append(c, $"{name}_bucket{{{sep}le=\"{Bounds[i]}\"}} {_counts[i]}\n");
            sb.Append(c, $"{name}_bucket{{{sep}le=\"+Inf\"}} {_count}\n");
            var plain = labels.Length > 0 ? "{" + labels + "}" : "";
            sb.Append(c, $"{name}_sum{plain} {_sum}\n{name}_count{plain} {_count}\n");
        }
    }
}
