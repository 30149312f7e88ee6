using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Generator;

/// <summary>
/// Maps OVSDB column types (RFC 7047 §3.2) to C#: exactly one atom → the atom type; 0 or 1 → nullable; more →
/// <c>OvsdbSet&lt;T&gt;</c>; a value type → <c>OvsdbDictionary&lt;K, V&gt;</c>. String enums become C# enums,
/// UUIDs with a <c>refTable</c> become <c>RowRef&lt;Table&gt;</c>. Collects the enums it creates.
/// </summary>
internal sealed class TypeMapper
{
    private readonly Dictionary<string, EnumModel> _enums = new(StringComparer.Ordinal);

    public IReadOnlyCollection<EnumModel> Enums => _enums.Values;

    public ColumnModel Map(string table, ColumnSchema column)
    {
        var property = Naming.Pascal(column.Name);
        var constant = "Columns." + property;
        var type = column.Type;
        var key = Atom(table, column.Name, type.Key, type.IsMap ? "Key" : "");
        if (type.IsMap)
        {
            var value = Atom(table, column.Name, type.Value!, "Value");
            var cs = $"OvsdbDictionary<{key.CsType}, {value.CsType}>";
            return new(column.Name, property, cs, "",
                $"r.Map({constant}, {key.Codec}, {value.Codec})",
                $"w.Map({constant}, {property}, {key.Codec}, {value.Codec});",
                $"map {key.Describe} → {value.Describe}{Bounds(type)}");
        }
        if (type.IsScalar)
        {
            var write = key.IsEnum
                ? $"w.Required({constant}, {property}, {key.Codec});"
                : $"w.Scalar({constant}, {property}, {key.Codec}, {key.Fallback});";
            return new(column.Name, property, key.CsType, key.CsType == "string" ? " = \"\";" : "",
                $"r.Scalar({constant}, {key.Codec}, {key.Fallback})", write, key.Describe, key.IsEnum);
        }
        if (type is { Min: 0, Max: 1 })
        {
            var method = key.IsValueType ? "Optional" : "OptionalClass";
            return new(column.Name, property, key.CsType + "?", "",
                $"r.{method}({constant}, {key.Codec})", $"w.{method}({constant}, {property}, {key.Codec});",
                $"optional {key.Describe}");
        }
        return new(column.Name, property, $"OvsdbSet<{key.CsType}>", "",
            $"r.Set({constant}, {key.Codec})", $"w.Set({constant}, {property}, {key.Codec});",
            $"set of {key.Describe}{Bounds(type)}");
    }

    private static string Bounds(ColumnType type) =>
        type.Min == 0 && type.Max is null ? "" : $" ({type.Min} to {type.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"})";

    private AtomModel Atom(string table, string column, BaseType type, string role)
    {
        switch (type.Type)
        {
            case AtomicType.Integer:
                return new("long", "AtomCodecs.Integer", "0L", true, false, "integer");
            case AtomicType.Real:
                return new("double", "AtomCodecs.Real", "0.0", true, false, "real");
            case AtomicType.Boolean:
                return new("bool", "AtomCodecs.Boolean", "false", true, false, "boolean");
            case AtomicType.String when type.Enum is { Count: > 0 } values:
                var model = AddEnum(table, column, role, values.Select(v => (string)v));
                return new(model.Name, model.Name + "Wire.Codec", "default", true, true,
                    "enum " + string.Join(", ", model.Values.Select(v => v.Wire)));
            case AtomicType.String:
                return new("string", "AtomCodecs.String", "\"\"", false, false, "string");
            case AtomicType.Uuid when type.RefTable is { } target:
                var record = Naming.Pascal(target);
                return new($"RowRef<{record}>", $"AtomCodecs.Ref<{record}>()", "default", true, false,
                    $"{(type.WeakRef ? "weak" : "strong")} reference to {target}");
            default:
                return new("Uuid", "AtomCodecs.Uuid", "default", true, false, "uuid");
        }
    }

    private EnumModel AddEnum(string table, string column, string role, IEnumerable<string> wireNames)
    {
        var name = Naming.Pascal(table) + Naming.Pascal(column) + role;
        var values = wireNames.Order(StringComparer.Ordinal).Select(w => (w, Naming.Pascal(w))).ToArray();
        var clash = values.GroupBy(v => v.Item2).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new GeneratorException($"{table}.{column}: enum values {string.Join(" and ", clash.Select(v => v.w))} " +
                $"both map to the C# name {clash.Key}; extend Naming.Pascal to tell them apart.");
        var model = new EnumModel(name, table, column, values);
        if (!_enums.TryAdd(name, model))
            throw new GeneratorException($"{table}.{column}: the enum name {name} is already used by " +
                $"{_enums[name].Table}.{_enums[name].Column}; extend TypeMapper's naming to tell them apart.");
        return model;
    }
}
