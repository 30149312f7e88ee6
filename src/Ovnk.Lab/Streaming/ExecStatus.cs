using System.Globalization;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// The Status objects sent on the error channel (kubelet's remotecommand: Success, NonZeroExitCode with an ExitCode
/// cause — from which kubectl takes its own exit code —, or a failure message).
/// </summary>
public static class ExecStatus
{
    /// <summary>The process exited 0.</summary>
    public static JsonObject Success() => new() { ["metadata"] = new JsonObject(), ["status"] = "Success" };

    /// <summary>The process exited with <paramref name="exitCode"/> (non-zero).</summary>
    public static JsonObject NonZeroExit(IReadOnlyList<string> command, int exitCode) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command)}], exit code {exitCode}",
        ["reason"] = "NonZeroExitCode",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.ToString(CultureInfo.InvariantCulture) }),
        },
    };

    /// <summary>The session could not run (the runtime's error).</summary>
    public static JsonObject Failure(StreamingException error) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = error.Message,
        ["reason"] = error.Reason,
        ["code"] = error.Code,
    };

    /// <summary>The full Status object for an HTTP error answer (kind, apiVersion included).</summary>
    public static JsonObject Http(StreamingException error)
    {
        var status = Failure(error);
        status["kind"] = "Status";
        status["apiVersion"] = "v1";
        return status;
    }
}
