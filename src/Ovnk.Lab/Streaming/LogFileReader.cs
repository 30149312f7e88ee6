using System.Text;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// Reads complete lines from a log file that may still be growing: a line is returned only once its newline is
/// there, so a reader racing the writer never sees half an entry.
/// </summary>
internal sealed class LogFileReader : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly List<byte> _pending = [];

    public LogFileReader(string path)
    {
        try
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false);
        }
        catch (FileNotFoundException e)
        {
            throw new StreamingException(StreamingError.NotFound, $"the log file {path} does not exist (the container never started?)", e);
        }
    }

    /// <summary>The complete lines appended since the last call (without their newlines).</summary>
    public async Task<List<string>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        int n;
        while ((n = await _file.ReadAsync(_buffer, cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (_buffer[i] != '\n')
                {
                    continue;
                }
                _pending.AddRange(_buffer.AsSpan(start, i - start));
                lines.Add(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending)));
                _pending.Clear();
                start = i + 1;
            }
            _pending.AddRange(_buffer.AsSpan(start, n - start));
        }
        return lines;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
