using System.Collections.Concurrent;
using System.Diagnostics;
using Ovnk.Node.Ovs;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Bench.Cni;

/// <summary>
/// When each pod interface reached each stage, seen by the benchmark's own monitor of the node's OVS database (not
/// the agent's): the Interface row with the pod's iface-id committed, ovs-vswitchd assigning its ofport, and
/// ovn-controller setting <c>ovn-installed=true</c>. Times are <see cref="Stopwatch"/> timestamps.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class InterfaceTimeline
{
    private readonly ConcurrentDictionary<string, Marks> _marks = new(StringComparer.Ordinal);

    public InterfaceTimeline(VswitchDb db) => db.Cache.Observe(OnChange);

    /// <summary>The stage timestamps of <paramref name="ifaceId"/> (0 for a stage not seen).</summary>
    public Marks For(string ifaceId) => _marks.GetValueOrDefault(ifaceId) ?? new Marks();

    private void OnChange(CacheEvent e)
    {
        if (e.Table != Interface.TableName || e.New is null) return;
        var now = Stopwatch.GetTimestamp();
        // From the event's row, never the cache: observers run on the read loop and must not take the cache's lock.
        var iface = Interface.FromRow(e.Uuid, e.New);
        if (!iface.ExternalIds.TryGetValue(OvsKeys.IfaceId, out var ifaceId)) return;
        var marks = _marks.GetOrAdd(ifaceId, _ => new Marks());
        lock (marks)
        {
            if (marks.Committed == 0) marks.Committed = now;
            if (marks.Ofport == 0 && iface.Ofport > 0) marks.Ofport = now;
            if (marks.Installed == 0 && iface.ExternalIds.GetValueOrDefault(OvsKeys.OvnInstalled, "") == "true") marks.Installed = now;
        }
    }

    /// <summary>Stopwatch timestamps of one interface's stages.</summary>
    internal sealed class Marks
    {
        public long Committed { get; set; }

        public long Ofport { get; set; }

        public long Installed { get; set; }
    }
}
