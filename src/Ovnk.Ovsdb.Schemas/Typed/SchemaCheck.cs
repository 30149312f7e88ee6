using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// Compares the schema the typed rows were generated from with a server's schema (from <c>get_schema</c>), so a
/// version skew is reported once at connect time instead of surfacing as silent defaults.
/// </summary>
public static class SchemaCheck
{
    /// <summary>
    /// The generated tables and columns the server lacks. Columns the server has in addition need no check here:
    /// <c>FromRow</c> reports them as <see cref="SchemaDiagnosticKind.UnknownColumn"/> when rows carry them.
    /// </summary>
    public static IReadOnlyList<SchemaDiagnostic> Compare(string schemaSource,
        IReadOnlyDictionary<string, IReadOnlyList<string>> generated, DatabaseSchema server)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(server);
        var found = new List<SchemaDiagnostic>();
        var serverSource = $"{server.Name} {server.Version}";
        foreach (var (table, columns) in generated.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (server.Table(table) is not { } serverTable)
            {
                found.Add(new(SchemaDiagnosticKind.MissingTable, table, null,
                    $"the server's schema ({serverSource}) has no table {table}, which the typed rows generated from " +
                    $"{schemaSource} have; writes to it will fail. Upgrade the server or avoid the table."));
                continue;
            }
            found.AddRange(columns.Where(c => serverTable.Column(c) is null).Select(c =>
                new SchemaDiagnostic(SchemaDiagnosticKind.MissingColumn, table, c,
                    $"table {table}: the server's schema ({serverSource}) has no column \"{c}\", which the typed rows " +
                    $"generated from {schemaSource} have; reads give its default and writes that set it will fail. " +
                    "Upgrade the server or leave the column at its default.")));
        }
        return found;
    }
}
