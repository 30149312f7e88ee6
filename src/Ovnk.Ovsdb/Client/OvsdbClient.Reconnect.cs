using System.Text.Json;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Client;

public sealed partial class OvsdbClient
{
    /// <summary>The monitor id of each session's own watch on <c>_Server.Database</c>.</summary>
    private const string ServerMonitorId = "ovnk-server-state";

    private int _nextEndpoint;
    private string _lastFailure = "";

    /// <summary>Raised (on a pool thread) when the client has reconnected and re-established its monitors.</summary>
    public event Action<OvsdbEndpoint>? Reconnected;

    private static TaskCompletionSource<OvsdbSession> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The current session; while reconnecting, waits for the next one, bounded by the transaction timeout.</summary>
    private async Task<OvsdbSession> SessionAsync(CancellationToken cancellationToken)
    {
        Task<OvsdbSession> ready;
        lock (_state)
            ready = _ready.Task;
        if (ready.IsCompletedSuccessfully)
            return await ready;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.TransactionTimeout);
        try
        {
            return await ready.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OvsdbConnectionException(
                $"no usable OVSDB server within {_options.TransactionTimeout.TotalSeconds:0.#} s (last attempt: {_lastFailure})");
        }
    }

    /// <summary>Tries each endpoint once, starting with the one used last; returns the first usable session.</summary>
    private async Task<OvsdbSession> ConnectAnyAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var i = 0; i < _endpoints.Count; i++)
        {
            var index = (_nextEndpoint + i) % _endpoints.Count;
            var endpoint = _endpoints[index];
            OvsdbSession? session = null;
            try
            {
                var stream = await OvsdbConnector.ConnectAsync(endpoint, _options.Tls, _options.ConnectTimeout, cancellationToken);
                session = new OvsdbSession(this, endpoint, stream, _options);
                await WatchServerAsync(session, cancellationToken);
                _nextEndpoint = index;
                return session;
            }
            catch (OvsdbException e) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add(e.Message.StartsWith("cannot connect", StringComparison.Ordinal) ? e.Message : $"{endpoint}: {e.Message}");
                if (session is not null)
                    await session.DisposeAsync();
            }
            catch when (session is not null)
            {
                await session.DisposeAsync(); // cancelled (disposed) mid-handshake: do not leak the socket
                throw;
            }
        }
        _nextEndpoint = (_nextEndpoint + 1) % _endpoints.Count; // next round starts elsewhere
        _lastFailure = string.Join("; ", failures);
        throw new OvsdbConnectionException(_lastFailure);
    }

    /// <summary>
    /// Watches the server's <c>_Server.Database</c> rows and refuses a server that cannot serve us (not joined, no
    /// majority, not leader in leader-only mode, behind an index already seen); later changes drop the session.
    /// </summary>
    private async Task WatchServerAsync(OvsdbSession session, CancellationToken cancellationToken)
    {
        var state = new ServerState(_options.LeaderOnly, () => ServerIndex,
            problem => session.Connection.Abort(new OvsdbConnectionException($"{session.Endpoint}: {problem}")));
        var monitor = new OvsdbMonitor(ServerMonitorId, "_Server", MonitorFlavor.MonitorCond, state, []);
        session.ServerState = state;
        session.ServerMonitor = monitor;
        try
        {
            using var reply = await session.Connection.CallAsync("monitor_cond", w => MonitorRequestWriter.Write(w, "_Server",
                ServerMonitorId, [new MonitorTable("Database", ServerState.Columns)],
                MonitorFlavor.MonitorCond, null), cancellationToken);
            monitor.Start(session.Connection.Parse(reply, "monitor_cond", r => new MonitorUpdate(true, UpdateParser.ParseV2(r), null)));
        }
        catch (OvsdbRpcException)
        {
            session.ServerState = null; // a server without _Server (OVS < 2.9): nothing to check
            return;
        }
        RaiseIndex(state.Index);
        if (state.Problem is { } problem)
            throw new OvsdbConnectionException(problem);
    }

    private void RaiseIndex(long index)
    {
        long seen;
        while (index > (seen = Interlocked.Read(ref _highestIndex)) &&
               Interlocked.CompareExchange(ref _highestIndex, index, seen) != seen)
        {
        }
    }

    private void Publish(OvsdbSession session)
    {
        lock (_state)
        {
            _session = session;
            Endpoint = session.Endpoint;
            if (!_ready.TrySetResult(session))
            {
                _ready = NewReady();
                _ready.SetResult(session);
            }
        }
    }

    /// <summary>Called on the read loop of a session whose connection closed.</summary>
    internal void OnSessionClosed(OvsdbSession session, Exception? reason)
    {
        lock (_state)
        {
            if (_session != session)
                return; // a candidate session that was never published
            _session = null;
            if (_ready.Task.IsCompleted)
                _ready = NewReady();
        }
        OnLocksLost(reason);
    }

    /// <summary>The owned reconnect loop: waits for the session to break, then reconnects with backoff.</summary>
    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var current = _session!;
        try
        {
            while (true)
            {
                var reason = await current.Connection.Closed.WaitAsync(cancellationToken);
                if (!_options.Reconnect)
                {
                    var error = new OvsdbConnectionException("the OVSDB connection closed and reconnect is off", reason);
                    lock (_state)
                        _ready.TrySetException(error);
                    _closed.TrySetResult(error);
                    return;
                }
                await current.DisposeAsync();
                current = await ReconnectAsync(cancellationToken);
                Reconnected?.Invoke(current.Endpoint);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task<OvsdbSession> ReconnectAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.ReconnectBackoffMin;
        while (true)
        {
            OvsdbSession? session = null;
            try
            {
                session = await ConnectAnyAsync(cancellationToken);
                await ResubscribeAsync(session, cancellationToken);
                Publish(session);
                return session;
            }
            catch (OvsdbException e)
            {
                _lastFailure = e.Message;
                if (session is not null)
                    await session.DisposeAsync();
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectBackoffMax.Ticks));
            }
            catch when (session is not null)
            {
                await session.DisposeAsync(); // disposed while re-establishing monitors
                throw;
            }
        }
    }

    /// <summary>Routes a session's notification: its _Server watch, a monitor, or a lock.</summary>
    internal void OnNotification(OvsdbSession session, string method, JsonElement parameters)
    {
        if (method is "update2" && parameters[0].GetString() == ServerMonitorId)
        {
            session.ServerMonitor?.Deliver(new MonitorUpdate(false, UpdateParser.ParseV2(parameters[1]), null));
            RaiseIndex(session.ServerState?.Index ?? 0);
            return;
        }
        switch (method)
        {
            case "update" or "update2" or "update3":
                OnMonitorNotification(method, parameters);
                break;
            case "monitor_canceled":
                if (_monitors.TryRemove(parameters[0].GetString() ?? "", out var canceled))
                    canceled.Canceled = true;
                break;
            case "locked" or "stolen":
                OnLockNotification(method, parameters[0].GetString()!);
                break;
        }
    }

    private async Task ProbeLoopAsync(CancellationToken cancellationToken)
    {
        var interval = _options.InactivityProbe;
        try
        {
            while (true)
            {
                await Task.Delay(interval / 2, cancellationToken);
                var session = _session;
                if (session is null || session.Connection.IdleMilliseconds < interval.TotalMilliseconds)
                    continue;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(interval);
                try
                {
                    using var reply = await session.Connection.CallAsync("echo", w => WriteArray(w, "ovnk-probe"), timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // RFC 7047 §4.1.11 and ovs/reconnect.py: an unanswered probe means the peer is gone.
                    session.Connection.Abort(new OvsdbConnectionException($"{session.Endpoint} did not answer an echo within {interval.TotalSeconds:0.#} s"));
                }
                catch (OvsdbException)
                {
                    // The connection broke; the supervisor reconnects.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
