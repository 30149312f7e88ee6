using System.Globalization;
using System.Text.RegularExpressions;

namespace Ovnk.Bench.Controller;

/// <summary>Reads values and histogram quantiles out of Prometheus text.</summary>
internal static partial class PromText
{
    /// <summary>The value of the first sample whose name and labels start with <paramref name="prefix"/>, or 0.</summary>
    public static double Value(string text, string prefix) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) : 0;

    /// <summary>The sum of all samples of a metric (over its labels).</summary>
    public static double Sum(string text, string name) =>
        text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length > name.Length && l[name.Length] is '{' or ' '))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>
    /// The upper bound of the bucket holding quantile <paramref name="q"/> of a histogram, in ms; <paramref name="label"/>
    /// (e.g. <c>stage="nb"</c>) picks one series of a labelled histogram.
    /// </summary>
    public static double QuantileMs(string text, string histogram, double q, string? label = null)
    {
        var labels = label is null ? "" : label + ",";
        var buckets = text.Split('\n').Select(l => Bucket().Match(l)).Where(m => m.Success && m.Groups[1].Value == histogram && m.Groups[2].Value == labels)
            .Select(m => (Le: m.Groups[3].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                Count: double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToArray();
        var total = buckets.Length > 0 ? buckets[^1].Count : 0;
        if (total == 0) return double.NaN;
        return buckets.First(b => b.Count >= q * total).Le * 1000;
    }

    [GeneratedRegex(@"^(\w+)_bucket\{(.*?)le=""([^""]+)""\} (\S+)$")]
    private static partial Regex Bucket();
}
