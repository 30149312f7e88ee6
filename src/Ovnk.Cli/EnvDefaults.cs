using System.CommandLine.Parsing;
using System.Globalization;

namespace Ovnk.Cli;

/// <summary>
/// Option defaults taken from environment variables, so a pod can configure `ovnk node` / `ovnk controller` from
/// its env alone (deploy/*.yaml sets them from ConfigMap ovnkube-config, as upstream's ovnkube.sh reads OVN_* vars).
/// A flag on the command line always wins.
/// </summary>
internal static class EnvDefaults
{
    public static string? String(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v.Trim() : null;

    public static string String(string variable, string fallback) => String(variable) ?? fallback;

    /// <summary>An int from <paramref name="variable"/>; a malformed value is a parse error naming the variable.</summary>
    public static int Int(ArgumentResult result, string variable, int fallback)
    {
        if (String(variable) is not { } text)
            return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        result.AddError($"{variable}='{text}' is not an integer; fix the variable (or its ConfigMap key) or pass the option.");
        return fallback;
    }

    /// <summary>The value of a required option that may also come from <paramref name="variable"/>, or an error line.</summary>
    public static string? Require(string? value, string option, string variable, Action<string> error)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        error($"{option} is required: pass it or set {variable}.");
        return null;
    }
}
