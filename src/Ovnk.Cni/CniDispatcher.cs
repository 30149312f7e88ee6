using System.Text.Json;
using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// The plugin's main flow, shaped like the reference skel (cni pkg/skel): read and validate the environment and the
/// network config first — so every bad-input answer is the same whether the agent runs or not —, then forward to the
/// node agent and print its answer. Returns the process exit code; errors go to stdout as spec JSON (SPEC.md §5).
/// </summary>
public sealed class CniDispatcher(Func<string, string?> getEnv, Stream stdin, Stream stdout, TextWriter stderr)
{
    public const string PluginName = "ovn-k8s-cni-overlay";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var commandText = getEnv(EnvTable.Command);
        if (string.IsNullOrEmpty(commandText))
        {
            // skel's "about" path: a human ran the binary by hand; tell them what it is instead of failing.
            await stderr.WriteLineAsync($"CNI {PluginName} plugin (Ovnk)\nCNI protocol versions supported: {string.Join(", ", CniVersions.Supported)}");
            return 0;
        }
        if (!CniCommandNames.TryParse(commandText, out var command))
            return Fail(new(CniErrorCode.InvalidEnvironmentVariables, $"unknown CNI_COMMAND: {commandText}", "CNI_COMMAND must be one of ADD, DEL, CHECK, GC, STATUS, VERSION"));
        var missing = EnvTable.Missing(command, getEnv);
        if (missing.Count > 0)
            return Fail(new(CniErrorCode.InvalidEnvironmentVariables, $"required env variables [{string.Join(",", missing)}] missing", $"CNI_COMMAND={commandText} needs {string.Join(", ", missing)} to be set by the runtime"));
        if (command == CniCommand.Version) return await WriteVersionAsync(cancellationToken);

        byte[] input;
        try
        {
            input = await ReadAllAsync(stdin, cancellationToken);
        }
        catch (IOException e)
        {
            return Fail(new(CniErrorCode.IoFailure, $"error reading from stdin: {e.Message}"));
        }
        var (config, configError) = NetworkConfigParser.Parse(input);
        if (config is null) return Fail(configError!, NetworkConfigParser.TryReadVersion(input));
        var failure = EnvTable.Validate(command, getEnv) ?? CheckVersion(command, config.CniVersion);
        if (failure is not null) return Fail(failure, config.CniVersion);
        return await ForwardAsync(command, config, input, cancellationToken);
    }

    /// <summary>The version rules of SPEC.md: CHECK exists from 0.4.0, GC and STATUS from 1.1.0.</summary>
    internal static CniError? CheckVersion(CniCommand command, string version)
    {
        var minimum = command switch
        {
            CniCommand.Check => "0.4.0",
            CniCommand.Gc or CniCommand.Status => "1.1.0",
            _ => null,
        };
        if (minimum is not null && !CniVersions.AtLeast(version, minimum))
            return new(CniErrorCode.IncompatibleCniVersion, $"config version does not allow {CniCommandNames.ToWire(command)}", $"{CniCommandNames.ToWire(command)} needs cniVersion {minimum} or newer; the config says \"{version}\"");
        if (!CniVersions.IsSupported(version))
            return new(CniErrorCode.IncompatibleCniVersion, "incompatible CNI versions", $"config is \"{version}\", plugin supports [{string.Join(" ", CniVersions.Supported.Select(v => $"\"{v}\""))}]");
        return null;
    }

    private async Task<int> ForwardAsync(CniCommand command, NetworkConfig config, byte[] input, CancellationToken cancellationToken)
    {
        var client = new AgentClient(getEnv(CniSocket.PathVariable) is { Length: > 0 } path ? path : CniSocket.DefaultPath);
        var reply = await client.SendAsync(new CniRequest(EnvTable.Collect(getEnv), input), cancellationToken);
        switch (reply)
        {
            case AgentReply.Success { Result: { } result } when command == CniCommand.Add:
                await WriteAsync(json => CniResultWriter.Write(json, result, config.CniVersion), cancellationToken);
                return 0;
            case AgentReply.Success when command == CniCommand.Add:
                return Fail(new(CniErrorCode.Internal, "the node agent answered ADD without a result", "this is a bug in the node agent; its log says more"), config.CniVersion);
            case AgentReply.Success:
                return 0;
            case AgentReply.Failure failed:
                return Fail(failed.Error, config.CniVersion);
            case AgentReply.Unreachable down:
                return await AgentDownAsync(command, client.SocketPath, down.Reason, config.CniVersion);
            default:
                throw new InvalidOperationException($"unexpected agent reply {reply}");
        }
    }

    private async Task<int> AgentDownAsync(CniCommand command, string socketPath, string reason, string version)
    {
        switch (command)
        {
            case CniCommand.Del:
                // SPEC.md §3 DEL: plugins must succeed when the resources are already gone. Without an agent nothing
                // on this node can be released now; the agent's GC/resync reclaims what is left when it returns.
                await stderr.WriteLineAsync($"{PluginName}: DEL: node agent unreachable ({reason}); reporting success, the agent cleans up on its next start");
                return 0;
            case CniCommand.Status:
                return Fail(new(CniErrorCode.PluginNotAvailable, $"the ovn-kubernetes node agent is not available: {reason}", $"start the node agent (ovnk node); it listens on {socketPath}"), version);
            default:
                return Fail(new(CniErrorCode.TryAgainLater, $"the ovn-kubernetes node agent is not reachable: {reason}", $"the agent may still be starting: try again later, or check that the node agent (ovnk node) runs and listens on {socketPath}"), version);
        }
    }

    private async Task<int> WriteVersionAsync(CancellationToken cancellationToken)
    {
        // SPEC.md VERSION: the answer echoes the requested cniVersion; skel ignores stdin, so it may be absent.
        var requested = NetworkConfigParser.TryReadVersion(await ReadAllAsync(stdin, cancellationToken));
        var version = requested is not null && CniVersions.IsSupported(requested) ? requested : CniVersions.Current;
        await WriteAsync(json =>
        {
            json.WriteStartObject();
            json.WriteString("cniVersion", version);
            json.WriteStartArray("supportedVersions");
            foreach (var v in CniVersions.Supported) json.WriteStringValue(v);
            json.WriteEndArray();
            json.WriteEndObject();
        }, cancellationToken);
        return 0;
    }

    private int Fail(CniError error, string? version = null)
    {
        var printed = error with { CniVersion = version is not null && CniVersions.IsSupported(version) ? version : CniVersions.Current };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(printed, CniProtocolJsonContext.Default.CniError);
        stdout.Write(bytes);
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
        return 1;
    }

    private async Task WriteAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(json);
        buffer.WriteByte((byte)'\n');
        await stdout.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        await stdout.FlushAsync(cancellationToken);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
