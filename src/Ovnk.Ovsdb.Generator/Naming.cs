using System.Text;

namespace Ovnk.Ovsdb.Generator;

/// <summary>OVSDB names to C# identifiers: <c>Logical_Switch_Port</c> → <c>LogicalSwitchPort</c>, <c>ACL</c> → <c>Acl</c>.</summary>
public static class Naming
{
    /// <summary>
    /// PascalCase: split at every character that is not a letter or digit, capitalise each part's first letter, and
    /// write an all-capitals part as a word (<c>ACL</c> → <c>Acl</c>, .NET naming guidelines); mixed case is kept
    /// (<c>QoS</c>, <c>vSwitch</c> → <c>VSwitch</c>). A leading digit gets a <c>V</c> so the result is an identifier.
    /// </summary>
    public static string Pascal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length);
        foreach (var part in name.Split(c => !char.IsAsciiLetterOrDigit(c)))
        {
            if (part.Length == 0)
                continue;
            var allCaps = part.Length > 1 && part.All(c => !char.IsAsciiLetterLower(c)) && part.Any(char.IsAsciiLetterUpper);
            result.Append(char.ToUpperInvariant(part[0]));
            result.Append(allCaps ? part[1..].ToLowerInvariant() : part[1..]);
        }
        if (result.Length == 0 || char.IsAsciiDigit(result[0]))
            result.Insert(0, 'V');
        return result.ToString();
    }

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !isSeparator(text[i]))
                continue;
            parts.Add(text[start..i]);
            start = i + 1;
        }
        return [.. parts];
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string Xml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
