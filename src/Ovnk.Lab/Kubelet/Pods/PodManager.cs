using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;
using Ovnk.Lab.Kubelet.Cni;
using Ovnk.Lab.Kubelet.Containers;

namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>
/// Watches the pods bound to this node (fieldSelector spec.nodeName) and keeps one <see cref="PodWorker"/> per pod.
/// On start it reconciles what an earlier run left: leftover processes (containers, launch chains, CNI plugin execs)
/// are killed (their pods' workers restart them), sandboxes of pods that no longer exist are torn down (CNI DEL),
/// cached attachments without a sandbox are DELeted, and GC runs with the attachments that remain valid. No worker
/// starts before that is done: a worker creating a sandbox meanwhile would have its fresh attachment DELeted or its
/// IPAM allocation GC'd by the cleanup, and one adopting a sandbox would see it torn down under its containers.
/// </summary>
public sealed class PodManager : IResourceEventHandler<V1Pod>, IAsyncDisposable
{
    private readonly PodContext _context;
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SandboxRecord> _adopted = new(StringComparer.Ordinal);
    private readonly Informer<V1Pod, V1PodList> _informer;
    private readonly Lock _dispatchLock = new();
    private volatile bool _stopping;
    private volatile bool _reconciled;

    public PodManager(PodContext context)
    {
        _context = context;
        var node = context.Options.NodeName;
        var client = context.Client;
        var adapter = new ResourceAdapter<V1Pod, V1PodList>("pods",
            ct => client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: ct),
            (r, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", allowWatchBookmarks: true,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));
        _informer = new Informer<V1Pod, V1PodList>(adapter);
        _informer.AddHandler(this);
    }

    /// <summary>The workers by pod uid (for the streaming runtime and tests).</summary>
    public IReadOnlyDictionary<string, PodWorker> Workers => _workers;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The earlier run is dead, so nothing spawns new tagged processes: whatever carries the tag is a leftover,
        // including a launch that had not yet written its pid file or entered the pod's network namespace.
        LeftoverProcesses.KillTagged(_context.LaunchTag);
        var records = LoadRecords();
        foreach (var record in records)
        {
            foreach (var pidFile in Directory.GetFiles(Path.Combine(_context.Paths.PodDirectory(record.Uid), "containers").EnsureExists(), "*.pid"))
            {
                LeftoverProcesses.KillIfAlive(pidFile);
                File.Delete(pidFile);
            }
            if (record.NetNsPath is { } netns)
            {
                LeftoverProcesses.KillInNetNs(netns); // e.g. an untagged process a container started with a clean environment
            }
        }
        _informer.Start();
        await _informer.WaitForSyncAsync(cancellationToken);
        var live = _informer.Store.List().Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var record in records.Where(r => !live.Contains(r.Uid)))
        {
            try
            {
                await _context.Sandboxes.DestroyAsync(record, cancellationToken);
            }
            catch (CniPluginException)
            {
                // Namespaces are removed regardless; the cache entry stays for the cleanup below or the next start.
            }
        }
        var kept = records.Where(r => live.Contains(r.Uid)).ToList();
        await CleanCniCacheAsync(kept, cancellationToken);
        foreach (var record in kept) _adopted[record.Uid] = record;
        _reconciled = true;
        var current = _informer.Store.List();
        foreach (var pod in current) Dispatch(pod);
        // A pod deleted while the above ran had no worker to tell: undo its sandbox here.
        var present = current.Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var uid in _adopted.Keys.Where(u => !present.Contains(u)).ToList())
        {
            if (!_adopted.TryRemove(uid, out var record)) continue;
            try
            {
                await _context.Sandboxes.DestroyAsync(record, cancellationToken);
            }
            catch (CniPluginException)
            {
                // As above.
            }
        }
    }

    private List<SandboxRecord> LoadRecords()
    {
        var records = new List<SandboxRecord>();
        if (!Directory.Exists(_context.Paths.PodsDirectory)) return records;
        foreach (var dir in Directory.GetDirectories(_context.Paths.PodsDirectory))
        {
            if (SandboxRecord.Load(dir) is { } record) records.Add(record);
            else Directory.Delete(dir, recursive: true); // Nothing was created before the record was written.
        }
        return records;
    }

    /// <summary>DEL attachments the cache holds for sandboxes that no longer exist, then GC with the valid ones.</summary>
    private async Task CleanCniCacheAsync(IReadOnlyList<SandboxRecord> kept, CancellationToken cancellationToken)
    {
        var known = kept.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var cni = _context.Sandboxes.Cni;
        foreach (var entry in cni.Cache.List().Where(e => !known.Contains(e.ContainerId)))
        {
            try
            {
                await cni.DeleteAsync(null, new CniRuntimeConf(entry.ContainerId, "", entry.IfName, entry.Args), cancellationToken);
            }
            catch (CniPluginException)
            {
                // Reported on the next start again; GC below covers plugins that support it.
            }
        }
        if (CniConfigLoader.TryLoad(_context.Paths.CniConfDirectory) is { } list)
        {
            try
            {
                await cni.GcAsync(list, kept.Where(r => !r.HostNetwork).Select(r => new CniAttachment(r.Id, SandboxManager.IfName)), cancellationToken);
            }
            catch (CniPluginException)
            {
                // GC is best effort (libcni: errors are reported, nothing else depends on them).
            }
        }
    }

    public void OnAdd(V1Pod obj) => Dispatch(obj);

    public void OnUpdate(V1Pod oldObj, V1Pod newObj) => Dispatch(newObj);

    public void OnDelete(V1Pod lastKnown)
    {
        if (_workers.TryGetValue(lastKnown.Metadata.Uid, out var worker)) worker.MarkDeleted(lastKnown);
    }

    private void Dispatch(V1Pod pod)
    {
        // Before the start-up reconciliation the informer's store is all there is; StartAsync dispatches it after.
        if (_stopping || !_reconciled || pod.Spec.NodeName != _context.Options.NodeName) return;
        lock (_dispatchLock)
        {
            if (_workers.TryGetValue(pod.Metadata.Uid, out var worker))
            {
                worker.Update(pod);
                return;
            }
            if (pod.Status?.Phase is "Succeeded" or "Failed" && !_adopted.ContainsKey(pod.Metadata.Uid) && pod.Metadata.DeletionTimestamp is null) return;
            _adopted.TryRemove(pod.Metadata.Uid, out var adopted);
            _workers[pod.Metadata.Uid] = new PodWorker(_context, pod, adopted);
        }
    }

    /// <summary>Workers whose pod is gone are dropped (their loops have finished).</summary>
    public void Prune()
    {
        foreach (var (uid, worker) in _workers)
        {
            if (worker.Completion.IsCompleted) _workers.TryRemove(uid, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _informer.DisposeAsync();
        foreach (var worker in _workers.Values) await worker.DisposeAsync();
    }
}
