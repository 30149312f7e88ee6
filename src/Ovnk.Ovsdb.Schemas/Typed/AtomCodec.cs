namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// Converts one OVSDB atom (long, double, bool, string, <see cref="Protocol.Uuid"/>) to and from its typed form.
/// Reading never throws: an atom of the wrong type or outside an enum is a schema-drift case the caller reports.
/// </summary>
public sealed class AtomCodec<T>(string typeName, AtomCodec<T>.TryReadAtom tryRead, Func<T, object> write)
{
    /// <summary>Reads an atom; false when it does not fit the type.</summary>
    public delegate bool TryReadAtom(object atom, out T value);

    /// <summary>How the type reads in a diagnostic, e.g. <c>integer</c> or <c>enum AclAction</c>.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>Reads an atom; false when it does not fit the type.</summary>
    public bool TryRead(object atom, out T value) => tryRead(atom, out value);

    /// <summary>The wire atom for a value.</summary>
    public object Write(T value) => write(value);
}
