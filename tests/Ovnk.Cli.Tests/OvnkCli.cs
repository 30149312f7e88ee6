using System.Diagnostics;
using Ovnk.TestSupport;

namespace Ovnk.Cli.Tests;

/// <summary>Runs the real <c>ovnk</c> CLI (the build next to this test assembly) as a separate process.</summary>
internal static class OvnkCli
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "ovnk.dll");

    public static Task<ProcessResult> RunAsync(params string[] args) =>
        Proc.RunAsync("dotnet", [Dll, .. args], TimeSpan.FromSeconds(30), env: new Dictionary<string, string> { ["NO_COLOR"] = "1" });

    /// <summary>Starts the CLI and returns the running process (stdout/stderr redirected).</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Proc.Which("dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["NO_COLOR"] = "1";
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }
}
