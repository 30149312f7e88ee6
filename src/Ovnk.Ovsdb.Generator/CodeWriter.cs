using System.Text;

namespace Ovnk.Ovsdb.Generator;

/// <summary>An indenting text builder with LF line ends, so the output is byte-identical on every machine.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line).Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string end = "}")
    {
        _indent--;
        return Line(end);
    }

    public override string ToString() => _text.ToString();
}
