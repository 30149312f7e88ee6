using System.Globalization;
using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tables;

/// <summary>
/// The Table printer of a custom resource version with additionalPrinterColumns (apiextensions-apiserver's
/// tableconvertor): NAME, then each column by its jsonPath; "date" columns print as an age. Without columns, NAME AGE.
/// </summary>
public static class CustomResourcePrinter
{
    /// <summary>Builds the printer for <paramref name="columns"/> (a CRD version's additionalPrinterColumns).</summary>
    public static Printer For(JsonArray? columns)
    {
        var defs = (columns ?? []).OfType<JsonObject>()
            .Select(c => (Column: new Column(
                    c["name"]?.GetValue<string>() ?? "", c["type"]?.GetValue<string>() ?? "string", (int)(c["priority"]?.GetValue<long>() ?? 0),
                    c["format"]?.GetValue<string>() ?? "", c["description"]?.GetValue<string>() ?? ""),
                Path: c["jsonPath"]?.GetValue<string>() ?? ""))
            .Where(c => c.Column.Name.Length > 0 && c.Path.Length > 0)
            .ToList();
        if (defs.Count == 0)
        {
            return CorePrinters.Default;
        }
        var nameColumn = new Column("Name", "string", 0, "name", "Name must be unique within a namespace.");
        return new Printer(
            [nameColumn, .. defs.Select(d => d.Column)],
            (o, now) => [Meta.Name(o), .. defs.Select(d => Cell(o, d.Column, d.Path, now))]);
    }

    /// <summary>Like upstream, a path reaching several values (<c>[*]</c>) shows the first.</summary>
    private static JsonNode? Cell(JsonObject obj, Column column, string path, DateTimeOffset now)
    {
        var values = PrinterJsonPath.Evaluate(obj, path);
        if (values.Count == 0)
        {
            return null; // kubectl prints <none> for a missing cell
        }
        var first = values[0];
        return column.Type switch
        {
            "date" => PrinterJsonPath.Scalar(first) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? HumanDuration.Format(now - t) : PrinterJsonPath.Scalar(first),
            "integer" or "number" or "boolean" when first is JsonValue => first.DeepClone(),
            _ => PrinterJsonPath.Scalar(first),
        };
    }
}
