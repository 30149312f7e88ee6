using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>Random wire rows that are valid for a table schema: every column, in its canonical wire form.</summary>
internal sealed class RandomRows(int seed)
{
    private readonly Random _random = new(seed);

    public OvsdbRow Row(TableSchema table) =>
        new(table.Columns.Values.Select(c => new KeyValuePair<string, object>(c.Name, Value(c.Type))));

    private object Value(ColumnType type)
    {
        var count = _random.Next((int)type.Min, (int)Math.Min(type.Max ?? 3, 3) + 1);
        if (type.IsMap)
        {
            return new OvsdbMap(Enumerable.Range(0, count)
                .Select(_ => new KeyValuePair<object, object>(Atom(type.Key), Atom(type.Value!))));
        }
        if (type.IsScalar)
            return Atom(type.Key);
        return new OvsdbSet(Enumerable.Range(0, count).Select(_ => Atom(type.Key)));
    }

    private object Atom(BaseType type)
    {
        if (type.Enum is { Count: > 0 } values)
            return values[_random.Next(values.Count)];
        return type.Type switch
        {
            AtomicType.Integer => (long)_random.Next(-1000, 1000),
            AtomicType.Real => Math.Round(_random.NextDouble() * 1000, 3),
            AtomicType.Boolean => _random.Next(2) == 1,
            AtomicType.String => "s" + _random.Next(100_000),
            _ => new Uuid(new Guid(_random.GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 16))),
        };
    }
}
