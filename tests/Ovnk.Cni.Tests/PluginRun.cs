using System.Text.Json;

namespace Ovnk.Cni.Tests;

/// <summary>What one plugin execution produced: exit code, stdout, stderr, and the error <c>code</c> if stdout is one.</summary>
public sealed record PluginRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The <c>code</c> of the spec Error JSON on stdout, or null when stdout is empty or not an error.</summary>
    public int? ErrorCode => Json is { } doc && doc.RootElement.TryGetProperty("code", out var c) ? c.GetInt32() : null;

    public string? ErrorMessage => Json is { } doc && doc.RootElement.TryGetProperty("msg", out var m) ? m.GetString() : null;

    public JsonDocument? Json => Stdout.Trim().Length == 0 ? null : JsonDocument.Parse(Stdout);

    public override string ToString() => $"exit {ExitCode}, stdout <{Stdout.Trim()}>, stderr <{Stderr.Trim()}>";
}
