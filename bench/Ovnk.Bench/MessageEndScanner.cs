namespace Ovnk.Bench;

/// <summary>
/// Finds where the first complete JSON object in a byte stream ends, by brace depth outside strings: the raw load
/// floor's whole framing. State carries across reads.
/// </summary>
internal sealed class MessageEndScanner
{
    private int _depth;
    private bool _started;
    private bool _inString;
    private bool _escaped;

    /// <summary>True when the object ends within <paramref name="data"/>.</summary>
    public bool Scan(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (_inString)
            {
                if (_escaped)
                    _escaped = false;
                else if (b == '\\')
                    _escaped = true;
                else if (b == '"')
                    _inString = false;
                continue;
            }
            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    _started = true;
                    break;
                case (byte)'}' or (byte)']':
                    if (--_depth == 0 && _started)
                        return true;
                    break;
            }
        }
        return false;
    }
}
