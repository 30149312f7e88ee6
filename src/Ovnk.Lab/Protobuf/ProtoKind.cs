namespace Ovnk.Lab.Protobuf;

/// <summary>How a protobuf field maps to JSON.</summary>
public enum ProtoKind
{
    /// <summary>string.</summary>
    String,

    /// <summary>bytes, as base64 in JSON.</summary>
    Bytes,

    /// <summary>int32/int64 varint.</summary>
    Int,

    /// <summary>bool varint.</summary>
    Bool,

    /// <summary>A nested message (named by <see cref="ProtoField.Message"/>).</summary>
    Message,

    /// <summary>map&lt;string,string&gt;.</summary>
    StringMap,

    /// <summary>map&lt;string,bytes&gt; (Secret data).</summary>
    BytesMap,

    /// <summary>map&lt;string,Quantity&gt; (resource lists).</summary>
    QuantityMap,

    /// <summary>intstr.IntOrString {type, intVal, strVal}.</summary>
    IntOrString,

    /// <summary>metav1.Time {seconds, nanos}.</summary>
    Time,
}
