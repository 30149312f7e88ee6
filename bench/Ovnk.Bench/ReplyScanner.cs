namespace Ovnk.Bench;

/// <summary>
/// The raw client's whole JSON "parser": counts JSON-RPC replies by finding <c>"id":</c> followed by a digit
/// (ovsdb-server writes compact JSON; notifications carry <c>"id":null</c>). State carries across reads.
/// </summary>
internal sealed class ReplyScanner
{
    private static ReadOnlySpan<byte> Pattern => "\"id\":"u8;

    private int _matched;

    /// <summary>How many replies start in <paramref name="data"/>.</summary>
    public int Scan(ReadOnlySpan<byte> data)
    {
        var replies = 0;
        foreach (var b in data)
        {
            if (_matched == Pattern.Length)
            {
                if (b is >= (byte)'0' and <= (byte)'9')
                    replies++;
                _matched = 0;
            }
            if (b == Pattern[_matched])
                _matched++;
            else
                _matched = b == Pattern[0] ? 1 : 0;
        }
        return replies;
    }
}
