using System.Buffers;
using System.Text;
using Ovnk.Ovsdb.Framing;

namespace Ovnk.Ovsdb.Tests.Unit;

public sealed class JsonFramerTests
{
    /// <summary>Feeds <paramref name="chunks"/> one after another, as reads off a socket, and collects the messages.</summary>
    private static List<string> Frame(IEnumerable<string> chunks, long max = 1 << 20)
    {
        var framer = new JsonFramer(max);
        var messages = new List<string>();
        var pending = Array.Empty<byte>();
        foreach (var chunk in chunks)
        {
            pending = [.. pending, .. Encoding.UTF8.GetBytes(chunk)];
            var buffer = new ReadOnlySequence<byte>(pending);
            while (framer.TryRead(ref buffer, out var message))
                messages.Add(Encoding.UTF8.GetString(message.ToArray()).Trim());
            pending = buffer.ToArray();
        }
        return messages;
    }

    public static TheoryData<string, string[], string[]> Cases => new()
    {
        { "one message in one read", [@"{""id"":1}"], [@"{""id"":1}"] },
        { "two messages in one read", [@"{""a"":1}{""b"":[2]}"], [@"{""a"":1}", @"{""b"":[2]}"] },
        { "split inside a string", [@"{""a"":""x", @"y""}"], [@"{""a"":""xy""}"] },
        { "split inside a number", [@"{""a"":12", @"34}"], [@"{""a"":1234}"] },
        { "split between every byte", @"{""m"":[1,{""k"":""v""}]}".Select(c => c.ToString()).ToArray(), [@"{""m"":[1,{""k"":""v""}]}"] },
        { "braces inside strings do not count", [@"{""a"":""}{""}"], [@"{""a"":""}{""}"] },
        { "whitespace between messages", ["  {\"a\":1}\n\n {\"b\":2} "], [@"{""a"":1}", @"{""b"":2}"] },
        { "incomplete message waits", [@"{""a"":[1,2"], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryRead_FindsCompleteMessages(string name, string[] chunks, string[] expected)
    {
        Assert.NotNull(name);
        Assert.Equal(expected, Frame(chunks));
    }

    [Theory]
    [InlineData("malformed JSON", "{\"a\":}")]
    [InlineData("a bare top-level value", "42 ")]
    [InlineData("a stray closing bracket", "]")]
    public void TryRead_BadInput_ThrowsProtocolError(string name, string input)
    {
        Assert.NotNull(name);
        Assert.Throws<OvsdbProtocolException>(() => Frame([input]));
    }

    [Fact]
    public void TryRead_MessageOverTheLimit_ThrowsNamingTheLimit()
    {
        var e = Assert.Throws<OvsdbProtocolException>(() => Frame(["{\"a\":\"" + new string('x', 200)], max: 100));
        Assert.Contains("100-byte limit", e.Message, StringComparison.Ordinal);
    }
}
