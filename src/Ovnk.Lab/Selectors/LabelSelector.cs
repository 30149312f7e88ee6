using System.Text.RegularExpressions;
using Ovnk.Lab.Http;

namespace Ovnk.Lab.Selectors;

/// <summary>
/// A label selector in the query-string syntax (apimachinery/pkg/labels): <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>,
/// <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>, comma-separated (all must hold).
/// </summary>
public sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>True when this selector has no requirement (it matches everything).</summary>
    public bool IsEverything => _requirements.Count == 0;

    /// <summary>Parses a selector; throws 400 naming the bad requirement.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (Match m in RequirementSplit().Matches(text))
        {
            requirements.Add(ParseRequirement(m.Value.Trim()));
        }
        return new LabelSelector(requirements);
    }

    /// <summary>True when every requirement holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string r)
    {
        var set = SetRequirement().Match(r);
        if (set.Success)
        {
            var key = set.Groups[1].Value;
            var values = set.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return set.Groups[2].Value == "in"
                ? l => l.TryGetValue(key, out var v) && values.Contains(v)
                : l => !l.TryGetValue(key, out var v) || !values.Contains(v);
        }
        var eq = EqualityRequirement().Match(r);
        if (eq.Success)
        {
            var (key, op, value) = (eq.Groups[1].Value, eq.Groups[2].Value, eq.Groups[3].Value);
            return op == "!="
                ? l => !l.TryGetValue(key, out var v) || v != value
                : l => l.TryGetValue(key, out var v) && v == value;
        }
        var exists = ExistsRequirement().Match(r);
        if (exists.Success)
        {
            var key = exists.Groups[2].Value;
            return exists.Groups[1].Value == "!" ? l => !l.ContainsKey(key) : l => l.ContainsKey(key);
        }
        throw Errors.BadRequest($"unable to parse requirement: found '{r}', expected: label selector syntax (key=value, key in (a,b), !key)");
    }

    [GeneratedRegex(@"[^,(]+(\([^)]*\))?")]
    private static partial Regex RequirementSplit();

    [GeneratedRegex(@"^([A-Za-z0-9./_-]+)\s+(in|notin)\s*\(([^)]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)$")]
    private static partial Regex EqualityRequirement();

    [GeneratedRegex(@"^(!?)\s*([A-Za-z0-9./_-]+)$")]
    private static partial Regex ExistsRequirement();
}
