using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ovnk.TestSupport;

/// <summary>
/// A real standalone <c>ovsdb-server</c> on a unix socket in a temp directory (and optionally on a loopback TCP port),
/// started from an .ovsschema file. Stopped by its own pid on dispose; the directory goes with it.
/// </summary>
public sealed class OvsdbServer : IAsyncDisposable
{
    /// <summary>The OVN Northbound schema Debian ships.</summary>
    public const string NorthboundSchema = "/usr/share/ovn/ovn-nb.ovsschema";

    /// <summary>The OVN Southbound schema.</summary>
    public const string SouthboundSchema = "/usr/share/ovn/ovn-sb.ovsschema";

    /// <summary>The Open_vSwitch schema.</summary>
    public const string VswitchSchema = "/usr/share/openvswitch/vswitch.ovsschema";

    private readonly Process _process;

    private readonly string _socket;

    private OvsdbServer(TempDirectory dir, Process process, int? tcpPort, string socket)
    {
        Directory = dir;
        _socket = socket;
        _process = process;
        TcpPort = tcpPort;
    }

    /// <summary>The server's directory (db, socket, log).</summary>
    public TempDirectory Directory { get; }

    /// <summary>The unix socket remote, e.g. <c>unix:/tmp/…/db.sock</c>.</summary>
    public string UnixRemote => "unix:" + _socket;

    /// <summary>The loopback TCP port, when asked for.</summary>
    public int? TcpPort { get; }

    /// <summary>The server's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>
    /// Creates a database from <paramref name="schema"/> and starts a server on it. With <paramref name="clustered"/>
    /// the database is a one-member RAFT cluster: only clustered databases keep the transaction history that
    /// <c>monitor_cond_since</c> resumes from (OVS 3.1).
    /// </summary>
    public static async Task<OvsdbServer> StartAsync(string schema = NorthboundSchema, bool tcp = false,
        IEnumerable<string>? extraArgs = null, bool clustered = false, int? tcpPortInArgs = null, string? socketPath = null)
    {
        var dir = new TempDirectory("ovnk-ovsdb");
        var socket = socketPath ?? dir.File("db.sock");
        try
        {
            var db = dir.File("db");
            var create = clustered
                ? await Proc.RunAsync("ovsdb-tool", ["create-cluster", db, schema, "unix:" + dir.File("raft.sock")])
                : await Proc.RunAsync("ovsdb-tool", ["create", db, schema]);
            create.EnsureSuccess("ovsdb-tool create");
            int? port = tcp ? FreeTcpPort() : null;
            var readyPort = port ?? tcpPortInArgs; // a port the extra args open (e.g. pssl:) is waited for too
            var args = new List<string>
            {
                "--remote=punix:" + socket, "--unixctl=" + dir.File("ctl"),
                "--log-file=" + dir.File("ovsdb-server.log"), "-vconsole:off", "-vfile:info", db,
            };
            if (port is { } p)
                args.Insert(0, $"--remote=ptcp:{p}:127.0.0.1");
            args.InsertRange(0, extraArgs ?? []);
            var psi = new ProcessStartInfo(Proc.Which("ovsdb-server")) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in args)
                psi.ArgumentList.Add(a);
            var process = Process.Start(psi)!;
            var server = new OvsdbServer(dir, process, readyPort, socket);
            await server.WaitReadyAsync();
            if (clustered)
                await server.WaitLeaderAsync(schema);
            return server;
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        var socket = _socket;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"ovsdb-server exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            // The socket file appears a moment before the server listens on it: connect to be sure.
            if (File.Exists(socket) && CanConnect(new UnixDomainSocketEndPoint(socket)) &&
                (TcpPort is null || CanConnect(new IPEndPoint(IPAddress.Loopback, TcpPort.Value))))
                return;
            await Task.Delay(20);
        }
        throw new TimeoutException("ovsdb-server did not open its socket within 10 s; see " + Directory.File("ovsdb-server.log"));
    }

    /// <summary>A new one-member cluster listens before it has elected itself; leader-only clients need the leader.</summary>
    private async Task WaitLeaderAsync(string schema)
    {
        var db = schema.Contains("ovn-sb", StringComparison.Ordinal) ? "OVN_Southbound" : "OVN_Northbound";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var status = await Proc.RunAsync("ovs-appctl", ["-t", Directory.File("ctl"), "cluster/status", db]);
            if (status.Stdout.Contains("Role: leader", StringComparison.Ordinal))
                return;
            await Task.Delay(20);
        }
        throw new TimeoutException("the one-member cluster did not elect itself within 10 s; see " + Directory.File("ovsdb-server.log"));
    }

    private static bool CanConnect(EndPoint endpoint)
    {
        try
        {
            using var s = endpoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            s.Connect(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <c>ovn-nbctl</c> (or another OVN/OVS CLI taking <c>--db</c>) against this server.</summary>
    public Task<string> CtlAsync(string tool, params string[] args) =>
        Proc.OutputAsync(tool, ["--db=" + UnixRemote, .. args]);

    /// <summary>Kills the server with SIGKILL (by pid) and waits for it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        Directory.Dispose();
    }
}
