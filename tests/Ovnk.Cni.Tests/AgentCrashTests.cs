using System.Net.Sockets;

namespace Ovnk.Cni.Tests;

/// <summary>
/// An agent that dies mid-request (accepts, reads, closes without answering — what a killed process looks like to
/// the plugin): ADD must come back as "try again later" so the runtime retries, DEL must still succeed.
/// </summary>
public sealed class AgentCrashTests
{
    [Theory]
    [InlineData("ADD", 1, 11)]
    [InlineData("CHECK", 1, 11)]
    [InlineData("DEL", 0, null)]
    public async Task Connection_closed_without_an_answer(string command, int exit, int? code)
    {
        var dir = Path.Combine("/tmp", "ovnk-cni-crash-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var socketPath = Path.Combine(dir, "agent.sock");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
            var dying = DieAfterReadingAsync(listener, timeout.Token);
            var run = await InProcessPlugin.RunAsync(InProcessPlugin.Env(command, socketPath), InProcessPlugin.Config("1.0.0"));
            await dying;
            Assert.True(run.ExitCode == exit && run.ErrorCode == code, run.ToString());
            if (code is not null) Assert.Contains("broke", run.ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task DieAfterReadingAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var connection = await listener.AcceptAsync(cancellationToken);
        var buffer = new byte[4096];
        _ = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        // RST instead of FIN, as when the kernel closes a killed process's socket with unread data.
        connection.LingerState = new LingerOption(true, 0);
    }
}
