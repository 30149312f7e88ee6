using System.Globalization;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// One line of a container log in the CRI format (kubelet's pkg/kubelet/kuberuntime/logs, what containerd writes):
/// <c>2024-01-02T03:04:05.123456789Z stdout F the text</c> — RFC 3339 time with nanoseconds, the stream, the tag
/// (F: the line ends here; P: a partial line continued by the next entry), the content without its newline.
/// </summary>
public readonly record struct CriLogLine(DateTimeOffset Time, string Stream, bool Partial, string Content)
{
    /// <summary>The file line for this entry, newline included.</summary>
    public string Format() =>
        $"{Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture)}00Z {Stream} {(Partial ? 'P' : 'F')} {Content}\n";

    /// <summary>Parses a file line (without its newline); null when it is not in the CRI format.</summary>
    public static CriLogLine? Parse(string line)
    {
        var first = line.IndexOf(' ', StringComparison.Ordinal);
        var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
        if (second < 0 || second + 2 > line.Length || line[second + 1] is not ('F' or 'P') || (second + 2 < line.Length && line[second + 2] != ' '))
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(line.AsSpan(0, first), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }
        var content = second + 3 <= line.Length ? line[(second + 3)..] : "";
        return new CriLogLine(time, line[(first + 1)..second], line[second + 1] == 'P', content);
    }

    /// <summary>The time as kubectl --timestamps prints it (RFC 3339 with nanoseconds).</summary>
    public string TimestampText =>
        Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
}
