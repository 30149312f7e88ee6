using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Generator;

/// <summary>
/// Emits one table as a sealed record: the table and column names, one init property per column, <c>FromRow</c>
/// (drift-tolerant: see Ovnk.Ovsdb.Schemas' TypedRowReader) and <c>ToRow</c> (only non-default columns).
/// </summary>
internal static class RecordEmitter
{
    public static string Emit(GeneratorContext context, TableSchema table, IReadOnlyList<ColumnModel> columns)
    {
        var name = Naming.Pascal(table.Name);
        var w = FileHeader.Start(context, "System.Collections.Frozen", "Ovnk.Ovsdb.Protocol", "Ovnk.Ovsdb.Schemas.Typed");
        w.Line($"/// <summary>A row of the {Naming.Xml(context.Schema.Name)} table <c>{Naming.Xml(table.Name)}</c>{(table.IsRoot ? " (root)" : "")}.</summary>");
        w.Open($"public sealed record {name} : IOvsdbRecord<{name}>");
        w.Line("/// <summary>The OVSDB table name.</summary>");
        w.Line($"public const string TableName = {Naming.Literal(table.Name)};").Line();
        w.Line("/// <summary>The column names.</summary>");
        w.Open("public static class Columns");
        foreach (var c in columns)
            w.Line($"/// <summary><c>{Naming.Xml(c.Column)}</c></summary>").Line($"public const string {c.Property} = {Naming.Literal(c.Column)};");
        w.Close().Line();
        w.Line("/// <summary>The column names, sorted, without <c>_uuid</c>.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> ColumnNames {{ get; }} = [{string.Join(", ", columns.Select(c => "Columns." + c.Property))}];").Line();
        w.Line("private static readonly FrozenSet<string> Known = ColumnNames.ToFrozenSet(global::System.StringComparer.Ordinal);").Line();
        w.Line($"static string IOvsdbRecord<{name}>.Table => TableName;").Line();
        w.Line("/// <summary>The row's UUID (<c>_uuid</c>); default for a row not yet inserted.</summary>");
        w.Line("public Uuid Uuid { get; init; }");
        foreach (var c in columns)
            w.Line().Line($"/// <summary>Column <c>{Naming.Xml(c.Column)}</c>: {Naming.Xml(c.Doc)}.</summary>")
                .Line($"public {(c.IsRequired ? "required " : "")}{c.CsType} {c.Property} {{ get; init; }}{c.Initializer}");
        w.Line();
        EmitFromRow(w, context, name, columns);
        w.Line();
        EmitToRow(w, columns);
        return w.Close().ToString();
    }

    private static void EmitFromRow(CodeWriter w, GeneratorContext context, string name, IReadOnlyList<ColumnModel> columns)
    {
        w.Line("/// <summary>");
        w.Line("/// Reads a wire row (from select, a monitor or the cache). Never throws on schema drift: columns this schema");
        w.Line("/// lacks are ignored and reported once, absent columns take their defaults, ill-typed values are reported and");
        w.Line("/// defaulted. Findings go to <paramref name=\"diagnostics\"/>, else <see cref=\"SchemaDiagnostics.Shared\"/>.");
        w.Line("/// </summary>");
        w.Open($"public static {name} FromRow(Uuid uuid, OvsdbRow row, SchemaDiagnostics? diagnostics = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(row);");
        w.Line($"var r = new TypedRowReader({context.DatabaseClass}.Source, TableName, row, diagnostics);");
        w.Line("r.ReportUnknownColumns(Known);");
        w.Open($"return new {name}");
        w.Line("Uuid = uuid,");
        foreach (var c in columns)
            w.Line($"{c.Property} = {c.Read},");
        w.Close("};");
        w.Close();
    }

    private static void EmitToRow(CodeWriter w, IReadOnlyList<ColumnModel> columns)
    {
        w.Line("/// <summary>");
        w.Line("/// The wire row for an insert: only columns that differ from their OVSDB default (enums always). With");
        w.Line("/// <paramref name=\"includeDefaults\"/> every column, as an update that clears columns needs.");
        w.Line("/// </summary>");
        w.Open("public OvsdbRow ToRow(bool includeDefaults = false)");
        w.Line("var w = new TypedRowWriter(includeDefaults);");
        foreach (var c in columns)
            w.Line(c.Write);
        w.Line("return w.Row;");
        w.Close();
    }
}
