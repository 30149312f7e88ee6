namespace Ovnk.TestSupport;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Throws with both outputs unless the exit code is 0.</summary>
    public ProcessResult EnsureSuccess(string what) => ExitCode == 0 ? this
        : throw new InvalidOperationException($"{what} exited with {ExitCode}: {Stderr.Trim()} {Stdout.Trim()}");
}
