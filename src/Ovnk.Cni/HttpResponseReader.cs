using System.Text;

namespace Ovnk.Cni;

/// <summary>
/// Parses one complete HTTP/1.1 response (RFC 9112) read to end of connection: status line, headers, and a body
/// framed by Content-Length, chunked transfer coding, or the connection close. Pure, so it is unit-tested alone.
/// </summary>
internal static class HttpResponseReader
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <exception cref="FormatException">The bytes are not an HTTP/1.x response.</exception>
    public static (int Status, byte[] Body) Parse(ReadOnlySpan<byte> response)
    {
        var end = response.IndexOf(HeaderEnd);
        if (end < 0) throw new FormatException("the response ended inside the headers");
        var lines = Encoding.ASCII.GetString(response[..end]).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusParts[1], out var status))
            throw new FormatException($"not an HTTP status line: '{lines[0]}'");
        string? contentLength = null, transferEncoding = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"malformed header line: '{line}'");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) contentLength = value;
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) transferEncoding = value;
        }
        var rest = response[(end + HeaderEnd.Length)..];
        if (transferEncoding is not null && transferEncoding.EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
            return (status, Dechunk(rest));
        if (contentLength is null) return (status, rest.ToArray());
        if (!int.TryParse(contentLength, out var length) || length < 0 || length > rest.Length)
            throw new FormatException($"Content-Length {contentLength} does not match the {rest.Length} bytes received");
        return (status, rest[..length].ToArray());
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            if (lineEnd < 0) throw new FormatException("chunked body ended inside a chunk header");
            var sizeText = Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
                throw new FormatException($"bad chunk size '{sizeText}'");
            chunked = chunked[(lineEnd + 2)..];
            if (size == 0) return body.ToArray();
            if (chunked.Length < size + 2) throw new FormatException("chunked body ended inside a chunk");
            body.Write(chunked[..size]);
            chunked = chunked[(size + 2)..];
        }
    }
}
