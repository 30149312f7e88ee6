using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Ovnk.Node.Tests;

/// <summary>A finished process: exit code and output. <see cref="Json"/> parses stdout when it is JSON.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}, stdout <{Stdout.Trim()}>, stderr <{Stderr.Trim()}>";

    /// <summary>Runs <paramref name="file"/> with exactly <paramref name="env"/> (when given), bounded (30 s unless told).</summary>
    public static async Task<ProcessRun> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string stdin = "", TimeSpan? limit = null)
    {
        var bound = limit ?? TimeSpan.FromSeconds(30);
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (env is not null)
        {
            start.Environment.Clear();
            foreach (var (k, v) in env) start.Environment[k] = v;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(stdin), timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process exited without reading stdin; its exit status tells the rest.
            }
            await process.WaitForExitAsync(timeout.Token);
            return new ProcessRun(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {bound.TotalSeconds} s");
        }
    }
}
