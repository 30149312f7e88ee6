using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml;

namespace Ovnk.Lab.OpenApi;

/// <summary>
/// Field and kind descriptions for the OpenAPI documents (what <c>kubectl explain</c> prints), read from the XML
/// documentation KubernetesClient ships (KubernetesClient.xml, copied next to its assembly by the build): its
/// summaries are the upstream API's descriptions. Loaded once, on first use, keeping only k8s.Models members;
/// when the file is missing, documents simply carry no descriptions.
/// </summary>
public static partial class ModelDocs
{
    private static readonly Lazy<Dictionary<string, string>> Members = new(Load);

    /// <summary>The description of a model type, or null.</summary>
    public static string? OfType(Type type) => Members.Value.GetValueOrDefault("T:" + type.FullName);

    /// <summary>The description of the C# property backing a JSON field, or null.</summary>
    public static string? OfProperty(Type type, PropertyInfo property) =>
        Members.Value.GetValueOrDefault($"P:{type.FullName}.{property.Name}");

    /// <summary>How many descriptions were found (0 when the documentation file is missing).</summary>
    public static int Count => Members.Value.Count;

    private static Dictionary<string, string> Load()
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.ChangeExtension(typeof(k8s.Models.V1Pod).Assembly.Location, ".xml");
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return members;
        }
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null || !(name.StartsWith("T:k8s.Models.", StringComparison.Ordinal) || name.StartsWith("P:k8s.Models.", StringComparison.Ordinal)))
            {
                continue;
            }
            using var member = reader.ReadSubtree();
            if (member.ReadToFollowing("summary") && Normalise(member.ReadElementContentAsString()) is { Length: > 0 } text)
            {
                members[name] = text;
            }
        }
        return members;
    }

    /// <summary>The XML wraps lines; explain reflows text itself.</summary>
    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
