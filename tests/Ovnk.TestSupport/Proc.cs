using System.Diagnostics;

namespace Ovnk.TestSupport;

/// <summary>Runs oracle CLIs (ovn-nbctl, ovsdb-client, ip, kubectl…) with a bound on their run time.</summary>
public static class Proc
{
    /// <summary>Runs a program to completion; kills it (by its pid) if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null,
        string? stdin = null, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(Which(file))
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(30)}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a program and returns its stdout, failing the test on a non-zero exit.</summary>
    public static async Task<string> OutputAsync(string file, params string[] args) =>
        (await RunAsync(file, args)).EnsureSuccess($"{file} {string.Join(' ', args)}").Stdout;

    /// <summary>The full path of a program, or a clear failure naming the package that provides it.</summary>
    public static string Which(string file)
    {
        if (file.Contains('/', StringComparison.Ordinal))
            return file;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var path = Path.Combine(dir, file);
            if (File.Exists(path))
                return path;
        }
        foreach (var dir in new[] { "/usr/sbin", "/sbin", "/usr/bin" })
        {
            var path = Path.Combine(dir, file);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException(
            $"{file} is not installed; run scripts/bootstrap.sh as root (it installs the OVS/OVN and CNI packages)");
    }
}
