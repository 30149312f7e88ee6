using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Ovnk.Lab.Streaming;

/// <summary>The query of pods/log and of kubelet's /containerLogs (PodLogOptions).</summary>
public sealed record LogOptions(bool Follow, long? TailLines, bool Previous, bool Timestamps, long? LimitBytes, DateTimeOffset? Since)
{
    /// <summary>Parses the query; <paramref name="now"/> anchors sinceSeconds. Throws 400 for malformed numbers.</summary>
    public static LogOptions Parse(IQueryCollection query, DateTimeOffset now)
    {
        DateTimeOffset? since = null;
        if (Number(query, "sinceSeconds") is { } seconds)
        {
            since = now.AddSeconds(-seconds);
        }
        else if (query["sinceTime"].ToString() is { Length: > 0 } text)
        {
            since = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t : throw new StreamingException(StreamingError.BadRequest, $"sinceTime {text} is not an RFC 3339 time");
        }
        return new LogOptions(Flag(query, "follow"), Number(query, "tailLines"), Flag(query, "previous"), Flag(query, "timestamps"),
            Number(query, "limitBytes"), since);
    }

    /// <summary>A boolean query flag as the apiserver and kubelet accept it ("true" or "1").</summary>
    public static bool Flag(IQueryCollection query, string name) => query[name].ToString() is "true" or "1" or "True";

    private static long? Number(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value : throw new StreamingException(StreamingError.BadRequest, $"{name} must be a non-negative integer, got \"{text}\"");
    }
}
