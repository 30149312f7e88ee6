using System.Diagnostics;

namespace Ovnk.Linux.Bench;

/// <summary>Runs the `ip` baseline, bounded in time; a failure stops the benchmark with the tool's stderr.</summary>
internal static class Tool
{
    public static void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} took over 20 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
        }
    }
}
