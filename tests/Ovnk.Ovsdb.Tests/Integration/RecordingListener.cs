using System.Collections.Concurrent;
using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>Keeps every monitor batch it receives and lets a test wait for a matching row update.</summary>
internal sealed class RecordingListener : IMonitorListener
{
    private readonly ConcurrentQueue<MonitorUpdate> _updates = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyList<MonitorUpdate> Updates => _updates.ToArray();

    public void OnUpdate(MonitorUpdate update)
    {
        _updates.Enqueue(update);
        _signal.Release();
    }

    public async Task<RowUpdate> WaitForAsync(Func<RowUpdate, bool> match)
    {
        using var cts = new CancellationTokenSource(Nb.Timeout);
        while (true)
        {
            var found = _updates.SelectMany(u => u.Rows).FirstOrDefault(match);
            if (found is not null)
                return found;
            await _signal.WaitAsync(cts.Token);
        }
    }
}
