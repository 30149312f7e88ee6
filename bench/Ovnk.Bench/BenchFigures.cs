using System.Text;
using System.Text.Json;

namespace Ovnk.Bench;

/// <summary>The named figures of one run, in the order they were measured.</summary>
public sealed class BenchFigures
{
    private readonly List<KeyValuePair<string, double>> _figures = [];

    /// <summary>Every figure, in measurement order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> All => _figures;

    /// <summary>A figure by name.</summary>
    public double this[string name]
    {
        get => _figures.First(f => f.Key == name).Value;
        set
        {
            _figures.RemoveAll(f => f.Key == name);
            _figures.Add(new(name, value));
        }
    }

    /// <summary>A figure by name, or null when the run did not measure it.</summary>
    public double? Get(string name) => _figures.FindIndex(f => f.Key == name) is var i and >= 0 ? _figures[i].Value : null;

    /// <summary>All figures as one JSON object on one line (numbers rounded to 3 decimals).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _figures)
                writer.WriteNumber(name, Math.Round(value, 3));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
