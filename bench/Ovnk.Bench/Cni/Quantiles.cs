namespace Ovnk.Bench.Cni;

/// <summary>Nearest-rank quantiles of millisecond samples, rounded for printing.</summary>
internal static class Quantiles
{
    /// <summary>The <paramref name="q"/> quantile (0..1) by nearest rank; NaN without samples.</summary>
    public static double Of(IReadOnlyCollection<double> samples, double q)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 2);
    }
}
