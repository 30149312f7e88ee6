using Ovnk.Lab.Cluster;

namespace Ovnk.Cli.Mon;

/// <summary>
/// <c>--db lab:nb|lab:sb|lab:NODE</c>: the databases of a lab started by <c>ovnk lab up</c>, found in its state
/// directory (LAB-CONTRACT: <c>STATE/nodes/NODE/root/run/…</c> is NODE's own /run). The NB and SB sockets are on
/// whichever node runs ovnkube-db; NODE may be the full node name or the part after the lab name (lab:worker2).
/// </summary>
internal static class LabRemote
{
    /// <summary>The state directory of the lab `ovnk lab up` makes without --name or --state-dir.</summary>
    public static readonly string DefaultStateDirectory = LabPaths.Default(LabOptions.DefaultName).Root;

    /// <summary>The remote to connect to; anything not starting with <c>lab:</c> is returned unchanged.</summary>
    /// <exception cref="ArgumentException">No such lab, node or socket; the message names the fix.</exception>
    public static string Resolve(string db, string? stateDirectory, Func<string, bool> socketExists)
    {
        if (!db.StartsWith("lab:", StringComparison.Ordinal))
            return db;
        var paths = new LabPaths(stateDirectory ?? DefaultStateDirectory);
        var state = paths.Root;
        var nodesDir = paths.NodesDirectory;
        if (!Directory.Exists(nodesDir))
            throw new ArgumentException($"no lab at {state} (no {nodesDir}); start one with `ovnk lab up`, or pass --state-dir of the lab you started.");
        var nodes = Directory.GetDirectories(nodesDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var what = db["lab:".Length..];
        if (what is "nb" or "sb")
        {
            var name = what == "nb" ? "ovnnb_db.sock" : "ovnsb_db.sock";
            var found = nodes.Select(n => paths.NodeOwned(n, "/run/ovn/" + name)).FirstOrDefault(socketExists);
            return found is not null ? "unix:" + found
                : throw new ArgumentException($"no {name} on any node of the lab at {state}; is ovnkube-db running? (kubectl -n ovn-kubernetes get pods -l app=ovnkube-db)");
        }
        var suffixed = nodes.Where(n => n.EndsWith("-" + what, StringComparison.Ordinal)).ToList();
        var node = nodes.FirstOrDefault(n => n == what) ?? (suffixed.Count == 1 ? suffixed[0] : null)
            ?? throw new ArgumentException($"the lab at {state} has no node '{what}'; its nodes are {string.Join(", ", nodes)} (use lab:nb, lab:sb or lab:NODE).");
        var socket = paths.NodeOwned(node, "/run/openvswitch/db.sock");
        return socketExists(socket) ? "unix:" + socket
            : throw new ArgumentException($"{node} has no Open_vSwitch socket ({socket}); is its ovs-node pod running? (kubectl -n ovn-kubernetes get pods -l app=ovs-node -o wide)");
    }
}
