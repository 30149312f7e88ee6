using System.Text.Json;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>Codec for <c>k8s.ovn.org/host-cidrs</c>: <c>["172.18.0.3/16","fc00::3/64"]</c>, every host address.</summary>
public static class HostCidrsAnnotation
{
    /// <summary>The annotation value.</summary>
    public static string Format(IReadOnlyList<InterfaceAddress> cidrs)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        return JsonSerializer.Serialize((IReadOnlyList<string>)[.. cidrs.Select(c => c.ToString())], AnnotationJsonContext.Default.IReadOnlyListString);
    }

    /// <summary>Parses the annotation value.</summary>
    public static AnnotationResult<IReadOnlyList<InterfaceAddress>> Parse(string? value)
    {
        var json = AnnotationParse.Json(AnnotationKeys.HostCidrs, value, AnnotationJsonContext.Default.IReadOnlyListString);
        if (!json.IsSuccess) return json.Cast<IReadOnlyList<InterfaceAddress>>();
        return AnnotationParse.All(json.Value, t => AnnotationParse.IfAddr(AnnotationKeys.HostCidrs, "entry", t));
    }
}
