using System.Text;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// Serves a container log as kubelet's /containerLogs does: the entries' content (optionally prefixed by their
/// timestamp), filtered by sinceTime, the last tailLines of them, cut at limitBytes, and with follow the entries
/// appended later until the container stops (<see cref="ContainerLog.Running"/>) or the client goes away.
/// </summary>
public static class LogStreamer
{
    /// <summary>How often a followed log is checked for growth (kubelet-lite flushes each entry as it is written).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Writes the log to <paramref name="output"/>, flushing after each batch.</summary>
    public static async Task StreamAsync(ContainerLog log, LogOptions options, Stream output, CancellationToken cancellationToken)
    {
        using var reader = new LogFileReader(log.Path);
        var budget = options.LimitBytes ?? long.MaxValue;
        var initial = Select(await reader.ReadLinesAsync(cancellationToken), options);
        if (options.TailLines is { } tail)
        {
            initial = initial.Skip(Math.Max(0, initial.Count - (int)Math.Min(tail, int.MaxValue))).ToList();
        }
        budget = await WriteAsync(initial, output, budget, cancellationToken);
        while (options.Follow && budget > 0)
        {
            var stopped = log.Running.IsCompleted;
            var more = Select(await reader.ReadLinesAsync(cancellationToken), options);
            budget = await WriteAsync(more, output, budget, cancellationToken);
            if (stopped)
            {
                return; // Read once more after the container stopped: its last lines were written before.
            }
            if (more.Count == 0)
            {
                await Task.WhenAny(log.Running, Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The output text of each file line that passes the filters (pure).</summary>
    public static List<string> Select(IEnumerable<string> lines, LogOptions options)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (CriLogLine.Parse(line) is not { } entry)
            {
                result.Add(line + "\n"); // Not CRI: passed through as written.
                continue;
            }
            if (options.Since is { } since && entry.Time < since)
            {
                continue;
            }
            var prefix = options.Timestamps ? entry.TimestampText + " " : "";
            result.Add(prefix + entry.Content + (entry.Partial ? "" : "\n"));
        }
        return result;
    }

    private static async Task<long> WriteAsync(List<string> texts, Stream output, long budget, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return budget;
        }
        var bytes = Encoding.UTF8.GetBytes(string.Concat(texts));
        var count = (int)Math.Min(bytes.Length, budget);
        await output.WriteAsync(bytes.AsMemory(0, count), cancellationToken);
        await output.FlushAsync(cancellationToken);
        return budget - count;
    }
}
