using System.Runtime.InteropServices;

namespace Ovnk.Cli;

/// <summary>
/// SIGTERM (the kubelet stopping a container) and SIGINT cancel a token instead of the runtime's default, so a
/// long-running command stops through its normal cancellation path and exits at once. Without it `ovnk node` and
/// `ovnk controller` outlived SIGTERM until the kubelet's SIGKILL 30 s later (seen on kubelet-lite), keeping
/// hostNetwork ports (metrics 9409) busy for their replacement.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration term;
    private readonly PosixSignalRegistration interrupt;

    public TerminationSignals(CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled by SIGTERM, SIGINT or the original token.</summary>
    public CancellationToken Token => stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    public void Dispose()
    {
        term.Dispose();
        interrupt.Dispose();
        stop.Dispose();
    }
}
