using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Generator;

/// <summary>One generation run: the schema, the target namespace, and the names derived from them.</summary>
internal sealed record GeneratorContext(DatabaseSchema Schema, string Namespace, string SourceFile)
{
    /// <summary>The per-database class, e.g. <c>OvnNorthboundDatabase</c> (not <c>OpenVSwitch</c>: a table has that name).</summary>
    public string DatabaseClass => Naming.Pascal(Schema.Name) + "Database";
}
