namespace Ovnk.Ovsdb.Schema;

/// <summary>The five atomic types of OVSDB (RFC 7047 §3.2 <c>&lt;atomic-type&gt;</c>).</summary>
public enum AtomicType
{
    /// <summary>64-bit integer.</summary>
    Integer,
    /// <summary>Double.</summary>
    Real,
    /// <summary>Boolean.</summary>
    Boolean,
    /// <summary>UTF-8 string.</summary>
    String,
    /// <summary>Row UUID (a reference when <see cref="BaseType.RefTable"/> is set).</summary>
    Uuid,
}
