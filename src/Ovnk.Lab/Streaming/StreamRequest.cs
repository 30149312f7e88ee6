using Microsoft.AspNetCore.Http;

namespace Ovnk.Lab.Streaming;

/// <summary>The query of an exec or attach request (PodExecOptions / PodAttachOptions): streams wanted and the command.</summary>
public sealed record StreamRequest(bool Stdin, bool Stdout, bool Stderr, bool Tty, IReadOnlyList<string> Command)
{
    /// <summary>Parses the query; with a terminal there is no separate stderr (kubelet drops it).</summary>
    public static StreamRequest Parse(IQueryCollection query)
    {
        var tty = LogOptions.Flag(query, "tty");
        return new StreamRequest(LogOptions.Flag(query, "stdin"), LogOptions.Flag(query, "stdout"),
            LogOptions.Flag(query, "stderr") && !tty, tty, [.. query["command"].Select(c => c ?? "")]);
    }
}
