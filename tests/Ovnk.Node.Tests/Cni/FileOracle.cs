namespace Ovnk.Node.Tests.Cni;

/// <summary>stat(1) as the independent oracle for owner, mode and file type.</summary>
public static class FileOracle
{
    /// <summary>"&lt;octal mode&gt; &lt;uid&gt; &lt;type&gt;", e.g. "700 0 directory".</summary>
    public static async Task<string> StatAsync(string path)
    {
        var run = await ProcessRun.RunAsync("/usr/bin/stat", ["-c", "%a %u %F", path]);
        Assert.True(run.ExitCode == 0, $"stat {path}: {run}");
        return run.Stdout.Trim();
    }

    /// <summary>
    /// Connects to a unix socket from python3 and prints "connected" or "errno N"; with <paramref name="asNobody"/>
    /// it runs as nobody:nogroup through util-linux setpriv, like any unprivileged process on the node.
    /// </summary>
    public static async Task<string> ConnectAsync(string socketPath, bool asNobody)
    {
        const string script = "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n s.connect(sys.argv[1]); print('connected')\nexcept OSError as e:\n print('errno', e.errno)";
        string[] python = ["/usr/bin/python3", "-c", script, socketPath];
        var run = asNobody
            ? await ProcessRun.RunAsync("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", .. python])
            : await ProcessRun.RunAsync(python[0], python[1..]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout.Trim();
    }
}
