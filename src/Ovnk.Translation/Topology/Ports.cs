using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Translation.Ownership;

namespace Ovnk.Translation.Topology;

/// <summary>Switch port shapes shared by the translators.</summary>
internal static class Ports
{
    /// <summary>A switch port of type router peering with <paramref name="routerPort"/> (addresses "router").</summary>
    public static LogicalSwitchPort RouterType(string name, string routerPort, Owner owner,
        OvsdbDictionary<string, string> extraOptions = default) => new()
    {
        Name = name,
        Type = "router",
        Addresses = ["router"],
        Options = new OvsdbDictionary<string, string>([KeyValuePair.Create("router-port", routerPort), .. extraOptions]),
        ExternalIds = owner.ExternalIds(),
    };
}
