using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ovnk.Linux.Namespaces;

namespace Ovnk.Lab.Kubelet.Cni;

/// <summary>
/// Execs a CNI plugin as a container runtime does (CNI SPEC §3: command in env, configuration on stdin, result or
/// error on stdout), but inside the node's network and mount namespaces, so it sees the node's /opt/cni/bin,
/// /var/lib/cni and host-side interfaces. Entering is done by util-linux nsenter (LAB-NOTES item 12).
/// </summary>
public sealed class CniPluginExecutor
{
    private const string BinDirectory = "/opt/cni/bin";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly NamespaceSet _node;
    private readonly string _hostBinDirectory;
    private readonly KeyValuePair<string, string>? _tag;

    /// <param name="node">The node's namespaces (network + mount are used).</param>
    /// <param name="hostBinDirectory">The node's /opt/cni/bin as the host sees it (to check a plugin exists).</param>
    /// <param name="tag">An environment variable marking the exec as this node's (a restart after a crash kills what carries it).</param>
    public CniPluginExecutor(NamespaceSet node, string hostBinDirectory, KeyValuePair<string, string>? tag = null)
    {
        _node = node;
        _hostBinDirectory = hostBinDirectory;
        _tag = tag;
    }

    /// <summary>How many plugin execs ran (for the benchmark's kubelet-overhead split).</summary>
    public long ExecCount => Interlocked.Read(ref _execs);

    /// <summary>Total time spent in plugin execs.</summary>
    public TimeSpan ExecTime => TimeSpan.FromTicks(Interlocked.Read(ref _execTicks));

    private long _execs;
    private long _execTicks;

    /// <summary>True when the plugin binary is in the node's bin dir.</summary>
    public bool Exists(string type) => File.Exists(Path.Combine(_hostBinDirectory, type));

    /// <summary>Runs one plugin; returns its stdout parsed (null when empty); throws <see cref="CniPluginException"/> on failure.</summary>
    public async Task<JsonObject?> ExecAsync(string command, JsonObject config, CniRuntimeConf? rt, CancellationToken cancellationToken)
    {
        var type = config["type"]!.GetValue<string>();
        if (!Exists(type))
            throw new CniPluginException(type, command, 0, $"failed to find plugin \"{type}\" in path [{BinDirectory}]; install it in the node's {BinDirectory} ({_hostBinDirectory})");
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(StartInfo(command, type, rt)) ?? throw new InvalidOperationException("nsenter did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(config.ToJsonString());
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new CniPluginException(type, command, 0, $"did not finish in {Timeout.TotalSeconds:0} s and was killed");
        }
        finally
        {
            Interlocked.Increment(ref _execs);
            Interlocked.Add(ref _execTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
        return Parse(type, command, process.ExitCode, await stdout, await stderr);
    }

    private static JsonObject? Parse(string type, string command, int exitCode, string stdout, string stderr)
    {
        JsonObject? output = null;
        try
        {
            output = string.IsNullOrWhiteSpace(stdout) ? null : JsonNode.Parse(stdout) as JsonObject;
        }
        catch (System.Text.Json.JsonException) when (exitCode != 0)
        {
            // Reported below with the raw text.
        }
        if (exitCode == 0) return output;
        var code = output?["code"]?.GetValue<int>() ?? 0;
        var message = output?["msg"]?.GetValue<string>() is { } msg
            ? (output["details"]?.GetValue<string>() is { Length: > 0 } details ? $"{msg}: {details}" : msg)
            : $"exit status {exitCode}: {(stdout + stderr).Trim()}";
        throw new CniPluginException(type, command, code, message);
    }

    private ProcessStartInfo StartInfo(string command, string type, CniRuntimeConf? rt)
    {
        var info = new ProcessStartInfo("/usr/bin/nsenter")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in new[] { $"--net={_node.Network}", $"--mount={_node.Mount}", "--", $"{BinDirectory}/{type}" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        info.Environment["CNI_COMMAND"] = command;
        info.Environment["CNI_PATH"] = BinDirectory;
        if (_tag is { } tag) info.Environment[tag.Key] = tag.Value;
        if (rt is not null)
        {
            info.Environment["CNI_CONTAINERID"] = rt.ContainerId;
            info.Environment["CNI_NETNS"] = rt.NetNs;
            info.Environment["CNI_IFNAME"] = rt.IfName;
            info.Environment["CNI_ARGS"] = rt.ArgsString;
        }
        return info;
    }
}
