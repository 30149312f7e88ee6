using System.Text.Json.Nodes;

namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>
/// libcni's network-list operations over <see cref="CniPluginExecutor"/>: ADD runs the plugins in order, each
/// receiving the previous result as <c>prevResult</c>, and caches the final result; DEL runs them in reverse with
/// the cached configuration and result; STATUS and GC exist from CNI 1.1.0 (for older lists libcni treats STATUS as
/// success and GC as a no-op, and so do we).
/// </summary>
public sealed class CniRuntime(CniPluginExecutor executor, CniCache cache, string confDirectory)
{
    public CniCache Cache { get; } = cache;

    public CniPluginExecutor Executor { get; } = executor;

    /// <summary>The node's current default network (throws <see cref="CniConfigException"/> when missing).</summary>
    public CniNetworkList Load() => CniConfigLoader.TryLoad(confDirectory)
        ?? throw new CniConfigException($"no CNI configuration in the node's /etc/cni/net.d ({confDirectory}); the network plugin has not written one yet");

    /// <summary>ADD: returns the final result and caches it.</summary>
    public async Task<JsonObject?> AddAsync(CniNetworkList list, CniRuntimeConf rt, CancellationToken cancellationToken)
    {
        JsonObject? result = null;
        foreach (var plugin in list.Plugins)
        {
            result = await Executor.ExecAsync("ADD", Build(list, plugin, result), rt, cancellationToken);
        }
        Cache.Write(new CniCacheEntry(rt.ContainerId, rt.IfName, list.Name, rt.NetNs, list.Bytes, rt.Args, result));
        return result;
    }

    /// <summary>DEL with the cached configuration when there is one (else <paramref name="fallback"/>); removes the cache entry.</summary>
    public async Task DeleteAsync(CniNetworkList? fallback, CniRuntimeConf rt, CancellationToken cancellationToken)
    {
        var cached = Cache.Find(rt.ContainerId, rt.IfName);
        var list = cached is not null ? CniConfigLoader.Parse(cached.Config, Cache.PathOf(cached.NetworkName, rt.ContainerId, rt.IfName)) : fallback;
        if (list is null) return; // Nothing was attached with a configuration we know, and there is none now.
        var prev = cached?.Result;
        foreach (var plugin in list.Plugins.Reverse())
        {
            // CNI SPEC: DEL gets prevResult from 0.4.0 on; it must tolerate a missing netns.
            var config = Build(list, plugin, CniVersionOrder.AtLeast(list.CniVersion, "0.4.0") ? prev : null);
            await Executor.ExecAsync("DEL", config, rt, cancellationToken);
        }
        Cache.Delete(list.Name, rt.ContainerId, rt.IfName);
    }

    /// <summary>STATUS: null when ready, else the reason (missing config, missing plugin, or a plugin's error).</summary>
    public async Task<string?> StatusAsync(CancellationToken cancellationToken)
    {
        CniNetworkList list;
        try
        {
            list = Load();
        }
        catch (CniConfigException e)
        {
            return e.Message;
        }
        if (list.Types.FirstOrDefault(t => !Executor.Exists(t)) is { } missing)
            return $"CNI plugin \"{missing}\" named in {list.Source} is not in the node's /opt/cni/bin";
        if (!list.HasStatusAndGc) return null;
        try
        {
            foreach (var plugin in list.Plugins)
            {
                await Executor.ExecAsync("STATUS", Build(list, plugin, null), null, cancellationToken);
            }
            return null;
        }
        catch (CniPluginException e)
        {
            return e.Message;
        }
    }

    /// <summary>GC with the attachments that must stay (CNI 1.1.0 lists only).</summary>
    public async Task GcAsync(CniNetworkList list, IEnumerable<CniAttachment> valid, CancellationToken cancellationToken)
    {
        if (!list.HasStatusAndGc) return;
        var attachments = new JsonArray([.. valid.Select(a => (JsonNode)new JsonObject { ["containerID"] = a.ContainerId, ["ifname"] = a.IfName })]);
        foreach (var plugin in list.Plugins)
        {
            var config = Build(list, plugin, null);
            config["cni.dev/valid-attachments"] = attachments.DeepClone();
            await Executor.ExecAsync("GC", config, null, cancellationToken);
        }
    }

    /// <summary>A plugin's stdin: its object plus the list's name and cniVersion, and prevResult when given.</summary>
    internal static JsonObject Build(CniNetworkList list, JsonObject plugin, JsonObject? prevResult)
    {
        var config = (JsonObject)plugin.DeepClone();
        config["name"] = list.Name;
        config["cniVersion"] = list.CniVersion;
        if (prevResult is not null) config["prevResult"] = prevResult.DeepClone();
        return config;
    }
}
