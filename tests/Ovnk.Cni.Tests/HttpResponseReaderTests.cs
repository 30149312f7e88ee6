using System.Text;

namespace Ovnk.Cni.Tests;

/// <summary>The plugin's HTTP/1.1 response parsing (RFC 9112 framing); the live peer tests are in Ovnk.Node.Tests.</summary>
public sealed class HttpResponseReaderTests
{
    private static (int Status, string Body) Parse(string raw)
    {
        var (status, body) = HttpResponseReader.Parse(Encoding.ASCII.GetBytes(raw));
        return (status, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", 200, "{}")]
    [InlineData("header names are case-insensitive", "HTTP/1.1 400 Bad Request\r\ncontent-length: 3\r\n\r\nabc", 400, "abc")]
    [InlineData("chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\n3\r\na\":\r\n1;ext=1\r\n1\r\n0\r\n\r\n", 200, "{\"a\":1")]
    [InlineData("body until close", "HTTP/1.0 500 Internal Server Error\r\nServer: x\r\n\r\noops", 500, "oops")]
    [InlineData("empty body", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, "")]
    public void Parse_frames_the_body(string name, string raw, int status, string body)
    {
        Assert.True((status, body) == Parse(raw), name);
    }

    [Theory]
    [InlineData("truncated headers", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n")]
    [InlineData("not HTTP", "SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("short body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}")]
    [InlineData("truncated chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\nabc")]
    [InlineData("bad header line", "HTTP/1.1 200 OK\r\nnocolon\r\n\r\n")]
    public void Parse_rejects_broken_responses(string name, string raw)
    {
        var e = Assert.Throws<FormatException>(() => Parse(raw));
        Assert.False(string.IsNullOrEmpty(e.Message), name);
    }
}
