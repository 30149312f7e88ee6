using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Generator;

/// <summary>
/// Turns a database schema into C# sources: one record per table, one file per string enum, and the database
/// class. Pure and deterministic (tables, columns and enum values sorted ordinally, LF line ends), so the
/// committed output can be checked byte for byte.
/// </summary>
public static class SchemaGenerator
{
    /// <summary>File name → content, sorted by file name.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="targetNamespace">The namespace of the generated types.</param>
    /// <param name="sourceFile">The schema's file name, cited in each file's header.</param>
    /// <exception cref="GeneratorException">A name clash the naming rules cannot resolve.</exception>
    public static IReadOnlyDictionary<string, string> Generate(DatabaseSchema schema, string targetNamespace, string sourceFile)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var context = new GeneratorContext(schema, targetNamespace, sourceFile);
        var mapper = new TypeMapper();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var records = new List<string>();
        foreach (var table in schema.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var columns = table.Columns.Values.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => mapper.Map(table.Name, c)).ToArray();
            var record = Naming.Pascal(table.Name);
            Add(files, record, RecordEmitter.Emit(context, table, columns), table.Name);
            records.Add(record);
        }
        foreach (var model in mapper.Enums.OrderBy(e => e.Name, StringComparer.Ordinal))
            Add(files, model.Name, EnumEmitter.Emit(context, model), $"{model.Table}.{model.Column}");
        Add(files, context.DatabaseClass, DatabaseEmitter.Emit(context, records), schema.Name);
        return files;
    }

    private static void Add(SortedDictionary<string, string> files, string type, string content, string origin)
    {
        if (!files.TryAdd(type + ".cs", content))
            throw new GeneratorException($"{origin}: the C# type name {type} is already generated for another table, " +
                "enum or the database class; extend the generator's naming to tell them apart.");
    }
}
