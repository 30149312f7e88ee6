using System.Text;

namespace Ovnk.Bench.Tests;

/// <summary>The raw load floor's framing: the first JSON object ends where its braces balance outside strings.</summary>
public sealed class MessageEndScannerTests
{
    [Theory]
    [InlineData("flat", "{\"id\":1,\"result\":[]}", true)]
    [InlineData("braces inside a string", "{\"a\":\"}}]]\\\"}\"}", true)]
    [InlineData("unfinished", "{\"a\":{\"b\":[1,2]", false)]
    [InlineData("escaped quote keeps the string open", "{\"a\":\"\\\"}\"", false)]
    public void Scan_FindsTheEndOnlyWhenTheObjectIsComplete(string name, string json, bool complete)
    {
        Assert.True(new MessageEndScanner().Scan(Encoding.ASCII.GetBytes(json)) == complete, name);
    }

    [Fact]
    public void SplitAtEveryPosition_FindsTheEndInTheSecondPart()
    {
        var bytes = Encoding.ASCII.GetBytes("{\"id\":1,\"result\":[{\"x\":\"a}b\\\"c\"},{\"y\":[[]]}]}");
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var scanner = new MessageEndScanner();
            Assert.False(scanner.Scan(bytes.AsSpan(0, cut)), $"cut at {cut}: ended early");
            Assert.True(scanner.Scan(bytes.AsSpan(cut)), $"cut at {cut}: end not found");
        }
    }
}
