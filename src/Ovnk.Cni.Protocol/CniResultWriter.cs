using System.Text.Json;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// Prints a <see cref="CniResult"/> in the format of one spec version (SPEC.md "Result" at each tag;
/// cni pkg/types/040 and 100): 0.3.x/0.4.0 carry <c>ips[].version</c>; 1.0.0 drops it; 1.1.0 adds interface and
/// route <c>mtu</c>. Fields a version does not know are left out, never sent empty.
/// </summary>
public static class CniResultWriter
{
    public static void Write(Utf8JsonWriter json, CniResult result, string version)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        if (!CniVersions.IsSupported(version))
            throw new ArgumentException($"cannot print a result in CNI version '{version}': supported are {string.Join(", ", CniVersions.Supported)}", nameof(version));
        var v110 = CniVersions.AtLeast(version, "1.1.0");
        json.WriteStartObject();
        json.WriteString("cniVersion", version);
        json.WriteStartArray("interfaces");
        foreach (var i in result.Interfaces) WriteInterface(json, i, v110);
        json.WriteEndArray();
        json.WriteStartArray("ips");
        foreach (var ip in result.Ips) WriteIp(json, ip, withFamily: !CniVersions.AtLeast(version, "1.0.0"));
        json.WriteEndArray();
        if (result.Routes is { Count: > 0 } routes)
        {
            json.WriteStartArray("routes");
            foreach (var r in routes) WriteRoute(json, r, v110);
            json.WriteEndArray();
        }
        WriteDns(json, result.Dns);
        json.WriteEndObject();
    }

    public static byte[] ToUtf8(CniResult result, string version)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(json, result, version);
        return buffer.ToArray();
    }

    private static void WriteInterface(Utf8JsonWriter json, CniInterface i, bool v110)
    {
        json.WriteStartObject();
        json.WriteString("name", i.Name);
        if (!string.IsNullOrEmpty(i.Mac)) json.WriteString("mac", i.Mac);
        if (v110 && i.Mtu is { } mtu) json.WriteNumber("mtu", mtu);
        if (!string.IsNullOrEmpty(i.Sandbox)) json.WriteString("sandbox", i.Sandbox);
        json.WriteEndObject();
    }

    private static void WriteIp(Utf8JsonWriter json, CniIpConfig ip, bool withFamily)
    {
        json.WriteStartObject();
        if (withFamily) json.WriteString("version", ip.Family);
        if (ip.Interface is { } index) json.WriteNumber("interface", index);
        json.WriteString("address", ip.Address);
        if (!string.IsNullOrEmpty(ip.Gateway)) json.WriteString("gateway", ip.Gateway);
        json.WriteEndObject();
    }

    private static void WriteRoute(Utf8JsonWriter json, CniRoute r, bool v110)
    {
        json.WriteStartObject();
        json.WriteString("dst", r.Dst);
        if (!string.IsNullOrEmpty(r.Gw)) json.WriteString("gw", r.Gw);
        if (v110 && r.Mtu is { } mtu) json.WriteNumber("mtu", mtu);
        json.WriteEndObject();
    }

    // Go's encoder never omits the dns struct, so every reference plugin prints "dns": {} at least.
    private static void WriteDns(Utf8JsonWriter json, CniDns? dns)
    {
        json.WriteStartObject("dns");
        if (dns is not null)
        {
            WriteList(json, "nameservers", dns.Nameservers);
            if (!string.IsNullOrEmpty(dns.Domain)) json.WriteString("domain", dns.Domain);
            WriteList(json, "search", dns.Search);
            WriteList(json, "options", dns.Options);
        }
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 }) return;
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
