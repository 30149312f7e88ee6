using System.Security.Cryptography;
using System.Text.Json.Nodes;
using k8s.Models;
using Ovnk.Lab.Kubelet.Cni;
using Ovnk.Lab.Kubelet.Nodes;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;

namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>
/// Pod sandboxes: a network namespace (`ip netns`-visible, named NODENS-UID8) with lo up, wired by the node's CNI
/// (ADD exec'd inside the node's namespaces), and a UTS namespace whose host name is the pod name. hostNetwork pods
/// use the node's namespaces and no CNI. Teardown is the reverse and tolerates any half-done state.
/// </summary>
public sealed class SandboxManager(NodePaths paths, NodeNamespaces node, CniRuntime cni, string netNsPrefix, PodStartTimings? timings = null)
{
    public const string IfName = "eth0";

    public CniRuntime Cni => cni;

    /// <summary>How long each pod's CNI ADD chain took (by pod uid): the benchmark separates kubelet-lite's own share.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> AddDurations { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates the sandbox of <paramref name="pod"/>; on failure everything created is undone and the error rethrown.</summary>
    public async Task<SandboxRecord> CreateAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (pod.Spec.HostNetwork == true)
        {
            var host = new SandboxRecord(id, uid, pod.Namespace(), pod.Name(), null, null);
            host.Save(paths.PodDirectory(uid));
            return host;
        }
        var list = cni.Load(); // Fails before creating anything when the node has no network configuration.
        var record = new SandboxRecord(id, uid, pod.Namespace(), pod.Name(), $"{netNsPrefix}-{uid[..8]}", paths.PodUtsNamespace(uid));
        record.Save(paths.PodDirectory(uid));
        try
        {
            timings?.Mark(uid, PodStartStage.SandboxBegin);
            await Task.Run(() => CreateNamespaces(record, pod.Name()), cancellationToken);
            timings?.Mark(uid, PodStartStage.CniBegin);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await cni.AddAsync(list, Conf(record), cancellationToken);
            AddDurations[uid] = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            timings?.Mark(uid, PodStartStage.CniDone);
            return record;
        }
        catch
        {
            // Undo; a DEL failing the same way as the ADD must not hide the ADD's error nor keep the namespaces.
            try
            {
                await DestroyAsync(record, CancellationToken.None);
            }
            catch (CniPluginException)
            {
                // Reported through the ADD error below.
            }
            throw;
        }
    }

    /// <summary>The pod IPs from the cached CNI result (addresses of interfaces inside the sandbox, or all if none say).</summary>
    public IReadOnlyList<string> PodIps(SandboxRecord record)
    {
        if (record.HostNetwork) return [];
        var result = cni.Cache.Find(record.Id, IfName)?.Result;
        return IpsOf(result);
    }

    internal static IReadOnlyList<string> IpsOf(JsonObject? result)
    {
        var interfaces = result?["interfaces"] as JsonArray;
        return [.. (result?["ips"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(ip => ip["interface"] is not { } i || interfaces?[i.GetValue<int>()]?["sandbox"] is not null)
            .Select(ip => ip["address"]!.GetValue<string>().Split('/')[0])];
    }

    /// <summary>True when the sandbox is complete: namespaces exist and (unless hostNetwork) an ADD result is cached.</summary>
    public bool IsIntact(SandboxRecord record) =>
        record.HostNetwork
        || (NetNs.Exists(record.NetNsName!) && NodeNamespaces.IsNamespaceFile(record.UtsNs!, NamespaceKind.Uts)
            && cni.Cache.Find(record.Id, IfName) is not null);

    /// <summary>
    /// CNI DEL (with the cached configuration, else the current one), then the namespaces; tolerant of missing parts.
    /// A failing DEL does not stop the rest of the teardown; its error is rethrown at the end.
    /// </summary>
    public async Task DestroyAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        CniPluginException? delFailed = null;
        if (!record.HostNetwork)
        {
            CniNetworkList? current = null;
            try
            {
                current = cni.Load();
            }
            catch (CniConfigException)
            {
                // Only the cached configuration can be used.
            }
            var netnsPath = NetNs.Exists(record.NetNsName!) ? record.NetNsPath! : "";
            try
            {
                await cni.DeleteAsync(current, Conf(record) with { NetNs = netnsPath }, cancellationToken);
            }
            catch (CniPluginException e)
            {
                delFailed = e;
            }
            if (NetNs.Exists(record.NetNsName!)) NetNs.Delete(record.NetNsName!);
            if (File.Exists(record.UtsNs!))
            {
                BindMounts.Unmount(record.UtsNs!);
                File.Delete(record.UtsNs!);
            }
        }
        var dir = paths.PodDirectory(record.Uid);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        if (delFailed is not null) throw delFailed;
    }

    private static void CreateNamespaces(SandboxRecord record, string hostName)
    {
        if (!NetNs.Exists(record.NetNsName!)) NetNs.Create(record.NetNsName!);
        using (var rtnl = RtnlClient.Open(record.NetNsPath!))
        {
            rtnl.SetUp("lo", true); // containerd brings lo up itself; CNI configs rarely include the loopback plugin.
        }
        if (!NodeNamespaces.IsNamespaceFile(record.UtsNs!, NamespaceKind.Uts))
        {
            if (File.Exists(record.UtsNs!)) File.Delete(record.UtsNs!);
            PersistentNamespace.Create(NamespaceKind.Uts, record.UtsNs!);
        }
        // HOST_NAME_MAX is 64; pod names may be 253 (kubelet truncates to 63 as well).
        NamespaceRunner.Run(new NamespaceSet(Uts: record.UtsNs), () => HostName.Set(hostName.Length > 63 ? hostName[..63].TrimEnd('-', '.') : hostName));
    }

    private static CniRuntimeConf Conf(SandboxRecord record) => new(record.Id, record.NetNsPath ?? "", IfName, record.CniArgs);

    /// <summary>Node namespaces, for hostNetwork containers.</summary>
    public NodeNamespaces Node => node;
}
