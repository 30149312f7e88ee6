using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>Shared field parsers: each turns bad user data into an <see cref="AnnotationError"/> naming the field.</summary>
internal static class AnnotationParse
{
    public static AnnotationResult<T> Json<T>(string key, string? value, JsonTypeInfo<T> info)
        where T : notnull
    {
        if (string.IsNullOrWhiteSpace(value)) return AnnotationResult<T>.Fail(key, "the value is empty");
        try
        {
            return JsonSerializer.Deserialize(value, info) is { } parsed
                ? AnnotationResult<T>.Ok(parsed)
                : AnnotationResult<T>.Fail(key, "the value is JSON null");
        }
        catch (JsonException e)
        {
            return AnnotationResult<T>.Fail(key, $"invalid JSON ({e.Message})");
        }
    }

    public static AnnotationResult<InterfaceAddress> IfAddr(string key, string field, string? text) =>
        InterfaceAddress.TryParse(text, out var parsed)
            ? AnnotationResult<InterfaceAddress>.Ok(parsed.Value)
            : AnnotationResult<InterfaceAddress>.Fail(key, $"{field} '{text}' is not an address with a prefix length like 10.244.1.5/24");

    public static AnnotationResult<IPNetwork> Network(string key, string field, string? text) =>
        // .NET's IPNetwork.TryParse may mask host bits silently; a network with host bits set is a typo, so refuse it.
        InterfaceAddress.TryParse(text, out var parsed) && parsed.Value.Network.BaseAddress.Equals(parsed.Value.Address)
            ? AnnotationResult<IPNetwork>.Ok(parsed.Value.Network)
            : AnnotationResult<IPNetwork>.Fail(key, $"{field} '{text}' is not a CIDR with zero host bits like 10.244.1.0/24");

    public static AnnotationResult<IPAddress> Ip(string key, string field, string? text) =>
        text is not null && !text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var parsed)
            ? AnnotationResult<IPAddress>.Ok(parsed)
            : AnnotationResult<IPAddress>.Fail(key, $"{field} '{text}' is not an IP address");

    public static AnnotationResult<MacAddress> Mac(string key, string field, string? text) =>
        MacAddress.TryParse(text, out var parsed)
            ? AnnotationResult<MacAddress>.Ok(parsed.Value)
            : AnnotationResult<MacAddress>.Fail(key, $"{field} '{text}' is not a MAC address like 0a:58:0a:f4:01:05");

    /// <summary>Parses every item; the first bad one fails the whole list.</summary>
    public static AnnotationResult<IReadOnlyList<TOut>> All<TOut>(IReadOnlyList<string>? items, Func<string?, AnnotationResult<TOut>> parse)
        where TOut : notnull
    {
        var list = new List<TOut>(items?.Count ?? 0);
        foreach (var item in items ?? [])
        {
            var one = parse(item);
            if (!one.IsSuccess) return one.Cast<IReadOnlyList<TOut>>();
            list.Add(one.Value);
        }
        return AnnotationResult<IReadOnlyList<TOut>>.Ok(list);
    }

    /// <summary>A per-network map, written with keys in byte order as Go's encoding/json does.</summary>
    public static SortedDictionary<string, TValue> Sorted<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var sorted = new SortedDictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) sorted[k] = v;
        return sorted;
    }
}
