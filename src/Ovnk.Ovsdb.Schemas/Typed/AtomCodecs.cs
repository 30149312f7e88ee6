using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>The codecs of the five atomic types (RFC 7047 §3.2), references and string enums.</summary>
public static class AtomCodecs
{
    /// <summary>The <c>integer</c> type.</summary>
    public static AtomCodec<long> Integer { get; } = new("integer", (object a, out long v) =>
    {
        v = a is long l ? l : 0;
        return a is long;
    }, v => v);

    /// <summary>The <c>real</c> type; the wire may carry a whole number as a JSON integer.</summary>
    public static AtomCodec<double> Real { get; } = new("real", (object a, out double v) =>
    {
        v = a switch { double d => d, long l => l, _ => 0 };
        return a is double or long;
    }, v => v);

    /// <summary>The <c>boolean</c> type.</summary>
    public static AtomCodec<bool> Boolean { get; } = new("boolean", (object a, out bool v) =>
    {
        v = a is true;
        return a is bool;
    }, v => v);

    /// <summary>The <c>string</c> type.</summary>
    public static AtomCodec<string> String { get; } = new("string", (object a, out string v) =>
    {
        v = a as string ?? "";
        return a is string;
    }, v => v);

    /// <summary>The <c>uuid</c> type without a reference table.</summary>
    public static AtomCodec<Uuid> Uuid { get; } = new("uuid", (object a, out Uuid v) =>
    {
        v = a is Uuid u ? u : default;
        return a is Uuid;
    }, v => v);

    /// <summary>A reference to a row of <typeparamref name="T"/>'s table.</summary>
    public static AtomCodec<RowRef<T>> Ref<T>() => RefCodec<T>.Instance;

    /// <summary>A string enum, with the generated wire-name parser and formatter.</summary>
    public static AtomCodec<TEnum> Enum<TEnum>(string name, Func<string, TEnum?> parse, Func<TEnum, string> format)
        where TEnum : struct, Enum =>
        new("enum " + name, (object a, out TEnum v) =>
        {
            var parsed = a is string s ? parse(s) : null;
            v = parsed ?? default;
            return parsed is not null;
        }, v => format(v));

    private static class RefCodec<T>
    {
        public static readonly AtomCodec<RowRef<T>> Instance = new("reference to " + typeof(T).Name,
            (object a, out RowRef<T> v) =>
            {
                v = a is Protocol.Uuid u ? new RowRef<T>(u) : default;
                return a is Protocol.Uuid;
            }, v => v.ToAtom());
    }
}
