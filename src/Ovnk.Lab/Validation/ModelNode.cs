namespace Ovnk.Lab.Validation;

/// <summary>The shape of one JSON value as a KubernetesClient model type declares it.</summary>
public enum ModelShape
{
    /// <summary>An object with named properties (a model class).</summary>
    Object,

    /// <summary>A map with string keys (IDictionary).</summary>
    Map,

    /// <summary>A list (IList).</summary>
    Array,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON integer.</summary>
    Integer,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>An integer or a string (IntOrString).</summary>
    IntOrString,

    /// <summary>A quantity: a string or a number (resource.Quantity).</summary>
    Quantity,

    /// <summary>Any JSON value (RawExtension, free-form JSON).</summary>
    Any,
}

/// <summary>A node of the model tree: its shape, and for objects/maps/arrays the types below it.</summary>
public sealed record ModelNode(ModelShape Shape, Type Type, Type? Element, string? Format = null);
