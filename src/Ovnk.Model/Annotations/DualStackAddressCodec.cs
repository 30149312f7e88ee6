using System.Net.Sockets;
using System.Text.Json;

namespace Ovnk.Model.Annotations;

/// <summary>The shared <c>{"ipv4":…,"ipv6":…}</c> codec (upstream <c>primaryIfAddrAnnotation</c>).</summary>
internal static class DualStackAddressCodec
{
    public static string Format(DualStackAddress address) =>
        JsonSerializer.Serialize(new DualStackAddressWire(address.Ipv4?.ToString(), address.Ipv6?.ToString()),
            AnnotationJsonContext.Default.DualStackAddressWire);

    public static AnnotationResult<DualStackAddress> Parse(string key, string? value)
    {
        var json = AnnotationParse.Json(key, value, AnnotationJsonContext.Default.DualStackAddressWire);
        if (!json.IsSuccess) return json.Cast<DualStackAddress>();
        if (json.Value.Ipv4 is null && json.Value.Ipv6 is null)
            return AnnotationResult<DualStackAddress>.Fail(key, "neither ipv4 nor ipv6 is set");
        var v4 = Family(key, "ipv4", json.Value.Ipv4, AddressFamily.InterNetwork);
        if (!v4.IsSuccess) return v4.Cast<DualStackAddress>();
        var v6 = Family(key, "ipv6", json.Value.Ipv6, AddressFamily.InterNetworkV6);
        if (!v6.IsSuccess) return v6.Cast<DualStackAddress>();
        return AnnotationResult<DualStackAddress>.Ok(new DualStackAddress(v4.Value.Address, v6.Value.Address));
    }

    private static AnnotationResult<Optional> Family(string key, string field, string? text, AddressFamily family)
    {
        if (text is null) return AnnotationResult<Optional>.Ok(new Optional(null));
        var parsed = AnnotationParse.IfAddr(key, field, text);
        if (!parsed.IsSuccess) return parsed.Cast<Optional>();
        return parsed.Value.Address.AddressFamily == family
            ? AnnotationResult<Optional>.Ok(new Optional(parsed.Value))
            : AnnotationResult<Optional>.Fail(key, $"{field} '{text}' is of the wrong address family");
    }

    private sealed record Optional(Addressing.InterfaceAddress? Address);
}
