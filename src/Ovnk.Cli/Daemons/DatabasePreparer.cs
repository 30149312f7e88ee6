using System.Diagnostics;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// Creates a database file from its schema when missing, and converts it when the installed schema is newer
/// (an upgraded OVS/OVN package), as ovs-ctl and ovn-ctl do. ovsdb-tool is the only writer of the file format.
/// </summary>
internal static class DatabasePreparer
{
    public static async Task PrepareAsync(DatabaseFile db, IReadOnlyDictionary<string, string> env, Action<string> log, CancellationToken cancellationToken)
    {
        if (!File.Exists(db.Schema))
            throw new DaemonException($"the schema {db.Schema} does not exist; install the OVS/OVN packages (Debian: openvswitch-switch, ovn-central) " +
                "(the schemas are looked for in /usr/share/ovn and /usr/share/openvswitch).");
        if (File.Exists(db.Path) && new FileInfo(db.Path).Length == 0)
        {
            // An interrupted create leaves an empty file, which ovsdb-server refuses; nothing is lost by recreating it.
            log($"{db.Path} is empty (an interrupted create?); recreating it");
            File.Delete(db.Path);
        }
        if (!File.Exists(db.Path))
        {
            log($"creating {db.Path} from {db.Schema}");
            await ToolAsync(["create", db.Path, db.Schema], env, cancellationToken);
            return;
        }
        var needs = await ToolAsync(["needs-conversion", db.Path, db.Schema], env, cancellationToken);
        if (needs.Trim() == "yes")
        {
            log($"converting {db.Path} to the installed schema {db.Schema}");
            await ToolAsync(["convert", db.Path, db.Schema], env, cancellationToken);
        }
    }

    private static async Task<string> ToolAsync(string[] args, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(ProgramLocator.Find("ovsdb-tool")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env)
            psi.Environment[k] = v;
        using var process = Process.Start(psi) ?? throw new DaemonException("ovsdb-tool could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new DaemonException($"ovsdb-tool {string.Join(' ', args)} did not finish within 60 s; is the disk or the file locked?");
        }
        if (process.ExitCode != 0)
            throw new DaemonException($"ovsdb-tool {string.Join(' ', args)} failed: {(await stderr).Trim()}. " +
                $"If the file is corrupt, move it away ({args[1]}) and restart: a new empty database is created.");
        return await stdout;
    }
}
