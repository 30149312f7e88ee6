using System.Diagnostics;
using System.Text.Json;

namespace Ovnk.Linux.Tests.Support;

/// <summary>Runs the real tools used as oracles (ip, ethtool, nsenter), each bounded in time.</summary>
internal static class Cli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var (code, stdout, stderr) = await TryRunAsync(file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {code}: {stderr}");
        }

        return stdout;
    }

    public static async Task<(int Code, string Stdout, string Stderr)> TryRunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        using var timeout = new CancellationTokenSource(Limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {Limit}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>`ip -j -n NS OBJECT show ARGS...` parsed (the oracle for netlink results).</summary>
    public static async Task<JsonElement[]> IpJsonAsync(string netns, string obj, params string[] args)
    {
        var output = await RunAsync("ip", ["-j", "-n", netns, obj, "show", .. args]);
        if (string.IsNullOrWhiteSpace(output))
        {
            return [];
        }

        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
