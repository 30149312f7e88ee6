namespace Ovnk.Lab.Discovery;

/// <summary>
/// One served resource, described as data: adding a resource is a new entry in <see cref="BuiltinResources"/>
/// (or a CRD), never new code. <see cref="Model"/> is the KubernetesClient model type that drives the OpenAPI
/// schema and strict validation (null for free-form objects).
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    Type? Model,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources,
    IReadOnlyList<string> Categories)
{
    /// <summary>"apps/v1", or "v1" for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The singular resource name (lower-case kind), as discovery reports it.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The list kind, e.g. PodList.</summary>
    public string ListKind => Kind + "List";

    /// <summary>"pods" or "deployments.apps": the qualified resource name used in messages.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Storage key prefix; unique per group and resource (versions share storage).</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Group}/{Plural}";

    /// <summary>The OpenAPI v3 schema objects must satisfy (custom resources); null for built-in types.</summary>
    public System.Text.Json.Nodes.JsonObject? Schema { get; init; }

    /// <summary>A custom resource version's additionalPrinterColumns (null for built-in types).</summary>
    public System.Text.Json.Nodes.JsonArray? PrinterColumns { get; init; }

    /// <summary>True when the type has a status subresource (main-resource writes then keep the stored status).</summary>
    public bool HasStatus => Subresources.Contains("status");
}
