namespace Ovnk.Ovsdb.Generator;

/// <summary>Emits the per-database class: name, schema version, tables with their columns, and a drift check.</summary>
internal static class DatabaseEmitter
{
    public static string Emit(GeneratorContext context, IReadOnlyList<string> records)
    {
        var w = FileHeader.Start(context, "Ovnk.Ovsdb.Schema", "Ovnk.Ovsdb.Schemas.Typed");
        var schema = context.Schema;
        w.Line($"/// <summary>The {Naming.Xml(schema.Name)} database as generated from schema version {Naming.Xml(schema.Version)}.</summary>");
        w.Open($"public static class {context.DatabaseClass}");
        w.Line("/// <summary>The database name, for transact and monitor requests.</summary>");
        w.Line($"public const string Name = {Naming.Literal(schema.Name)};").Line();
        w.Line("/// <summary>The schema version the typed rows were generated from.</summary>");
        w.Line($"public const string SchemaVersion = {Naming.Literal(schema.Version)};").Line();
        w.Line("/// <summary>Name and version, as diagnostics cite them.</summary>");
        w.Line($"public const string Source = {Naming.Literal(schema.Name + " " + schema.Version)};").Line();
        w.Line("/// <summary>Every table with its columns (without <c>_uuid</c>).</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>> Tables { get; } =");
        w.Open("    new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>(global::System.StringComparer.Ordinal)");
        foreach (var record in records)
            w.Line($"[{record}.TableName] = {record}.ColumnNames,");
        w.Close("};").Line();
        w.Line("/// <summary>The tables and columns a server's schema (from get_schema) lacks; empty when it has them all.</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<SchemaDiagnostic> Check(DatabaseSchema server) =>");
        w.Line("    SchemaCheck.Compare(Source, Tables, server);");
        return w.Close().ToString();
    }
}
