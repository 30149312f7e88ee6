using System.Text;

namespace Ovnk.Bench.Tests;

/// <summary>The raw client's reply counter: replies have a numeric id, notifications a null one.</summary>
public sealed class ReplyScannerTests
{
    private const string Stream =
        "{\"id\":null,\"method\":\"update2\",\"params\":[\"raw\",{}]}{\"id\":1,\"result\":[{}],\"error\":null}" +
        "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}{\"id\":23,\"result\":[],\"error\":null}";

    [Fact]
    public void WholeStream_CountsOnlyNumericIds()
    {
        Assert.Equal(2, new ReplyScanner().Scan(Encoding.ASCII.GetBytes(Stream)));
    }

    [Fact]
    public void StreamSplitAtEveryPosition_CountsTheSame()
    {
        var bytes = Encoding.ASCII.GetBytes(Stream);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var scanner = new ReplyScanner();
            var total = scanner.Scan(bytes.AsSpan(0, cut)) + scanner.Scan(bytes.AsSpan(cut));
            Assert.True(total == 2, $"cut at {cut}: {total} replies");
        }
    }

    [Fact]
    public void OneByteAtATime_CountsTheSame()
    {
        var scanner = new ReplyScanner();
        var total = Encoding.ASCII.GetBytes(Stream).Sum(b => scanner.Scan([b]));
        Assert.Equal(2, total);
    }
}
