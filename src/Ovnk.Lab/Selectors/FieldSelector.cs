using System.Text.Json.Nodes;
using Ovnk.Lab.Http;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Selectors;

/// <summary>
/// A field selector (<c>metadata.name=x,spec.nodeName!=y</c>). Supported fields follow kube-apiserver's
/// per-resource field label conversions: metadata.name and metadata.namespace everywhere, plus spec.nodeName,
/// status.phase, spec.schedulerName, spec.serviceAccountName and status.podIP for pods, and type for secrets/events.
/// </summary>
public sealed class FieldSelector
{
    private static readonly HashSet<string> Supported =
    [
        "metadata.name", "metadata.namespace", "spec.nodeName", "status.phase", "spec.schedulerName",
        "spec.serviceAccountName", "status.podIP", "type", "involvedObject.name", "involvedObject.kind",
        "involvedObject.namespace", "involvedObject.uid", "reason", "spec.unschedulable",
    ];

    private readonly List<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>True when this selector has no term (it matches everything).</summary>
    public bool IsEverything => _terms.Count == 0;

    /// <summary>The value required for <paramref name="field"/> by an equality term, if any (e.g. a watched name).</summary>
    public string? RequiredValue(string field) => _terms.FirstOrDefault(t => t.Field == field && t.Equal).Value;

    /// <summary>Parses a selector; throws 400 naming an unsupported field.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, bool, string)>();
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (op, index) = term.Contains("!=", StringComparison.Ordinal) ? ("!=", term.IndexOf("!=", StringComparison.Ordinal))
                : term.Contains("==", StringComparison.Ordinal) ? ("==", term.IndexOf("==", StringComparison.Ordinal))
                : ("=", term.IndexOf('='));
            if (index <= 0)
            {
                throw Errors.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
            }
            var field = term[..index].Trim();
            if (!Supported.Contains(field))
            {
                throw Errors.BadRequest($"field label not supported: {field}");
            }
            terms.Add((field, op != "!=", term[(index + op.Length)..].Trim()));
        }
        return new FieldSelector(terms);
    }

    /// <summary>True when every term holds for <paramref name="obj"/>.</summary>
    public bool Matches(JsonObject obj) =>
        _terms.TrueForAll(t => (Meta.StringAt(obj, t.Field) ?? "") == t.Value == t.Equal);
}
