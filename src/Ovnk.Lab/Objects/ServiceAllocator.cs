using System.Net;
using System.Text.Json.Nodes;
using Ovnk.Lab.Http;

namespace Ovnk.Lab.Objects;

/// <summary>
/// ClusterIPs from 10.96.0.0/16 (kind's default service CIDR; .1 is the kubernetes service) and NodePorts from
/// 30000–32767, reserved on create and released on delete. Rebuilt from the stored services at start.
/// </summary>
public sealed class ServiceAllocator
{
    private const uint Base = 10u << 24 | 96u << 16;
    private readonly IntPool _ips = new(1, 65534);
    private readonly IntPool _nodePorts = new(30000, 32767);

    /// <summary>Assigns spec.clusterIP(s) and node ports to a new service; throws 422 when a requested one is taken.</summary>
    public void Allocate(JsonObject service)
    {
        var spec = Defaulter.Child(service, "spec");
        var requested = spec["clusterIP"]?.GetValue<string>();
        if (requested is "None")
        {
            spec["clusterIPs"] = new JsonArray("None");
        }
        else if (!string.IsNullOrEmpty(requested))
        {
            if (!TryOffset(requested, out var offset) || !_ips.TryReserve(offset))
            {
                throw Invalid(service, "spec.clusterIP", $"spec.clusterIP: Invalid value: \"{requested}\": provided IP is already allocated or outside 10.96.0.0/16");
            }
            spec["clusterIPs"] = new JsonArray(requested);
        }
        else
        {
            var offset = _ips.Allocate() ?? throw new ApiException(500, "InternalError", "the service IP range 10.96.0.0/16 is full; delete unused services");
            var ip = ToAddress(offset);
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
        spec.TryAdd("ipFamilies", new JsonArray("IPv4"));
        spec.TryAdd("ipFamilyPolicy", "SingleStack");
        AllocateNodePorts(service, spec);
    }

    /// <summary>Releases what a deleted service held.</summary>
    public void Release(JsonObject service)
    {
        if (Meta.StringAt(service, "spec.clusterIP") is { } ip && TryOffset(ip, out var offset))
        {
            _ips.Release(offset);
        }
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (port["nodePort"] is JsonValue v && v.TryGetValue<int>(out var nodePort))
            {
                _nodePorts.Release(nodePort);
            }
        }
    }

    /// <summary>Marks what a stored service holds as used (at start).</summary>
    public void Restore(JsonObject service)
    {
        if (Meta.StringAt(service, "spec.clusterIP") is { } ip && TryOffset(ip, out var offset))
        {
            _ips.TryReserve(offset);
        }
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (port["nodePort"] is JsonValue v && v.TryGetValue<int>(out var nodePort))
            {
                _nodePorts.TryReserve(nodePort);
            }
        }
    }

    private void AllocateNodePorts(JsonObject service, JsonObject spec)
    {
        if (spec["type"]?.GetValue<string>() is not ("NodePort" or "LoadBalancer"))
        {
            return;
        }
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (port["nodePort"] is JsonValue v && v.TryGetValue<int>(out var requested))
            {
                if (!_nodePorts.TryReserve(requested))
                {
                    throw Invalid(service, "spec.ports.nodePort", $"spec.ports.nodePort: Invalid value: {requested}: provided port is already allocated");
                }
            }
            else
            {
                port["nodePort"] = _nodePorts.Allocate() ?? throw new ApiException(500, "InternalError", "the NodePort range 30000-32767 is full");
            }
        }
    }

    private static ApiException Invalid(JsonObject service, string field, string message) =>
        new(422, "Invalid", $"Service \"{Meta.Name(service)}\" is invalid: {message}", new JsonObject
        {
            ["name"] = Meta.Name(service),
            ["kind"] = "Service",
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field }),
        });

    private static string ToAddress(long offset) => new IPAddress(BitConverter.GetBytes(IPAddress.HostToNetworkOrder((int)(Base + offset)))).ToString();

    private static bool TryOffset(string ip, out long offset)
    {
        offset = 0;
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        offset = value - Base;
        return value >= Base && offset < 65535;
    }
}
