using k8s;
using k8s.Models;

namespace Ovnk.Kube.Informers;

/// <summary>Store keys as client-go writes them: <c>&lt;namespace&gt;/&lt;name&gt;</c>, or <c>&lt;name&gt;</c> for cluster-scoped objects.</summary>
public static class ObjectKeys
{
    /// <summary>The key of <paramref name="obj"/>.</summary>
    public static string Of(IMetadata<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj.Metadata ?? throw new ArgumentException("object has no metadata", nameof(obj));
        return string.IsNullOrEmpty(meta.NamespaceProperty) ? meta.Name : meta.NamespaceProperty + "/" + meta.Name;
    }
}
