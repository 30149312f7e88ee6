namespace Ovnk.Ovsdb.Monitoring;

/// <summary>
/// Receives a monitor's updates on the connection's read loop, one batch at a time, in commit order. It must not
/// block: apply and return (see <see cref="Cache.DatabaseCache"/>, which does exactly that).
/// </summary>
public interface IMonitorListener
{
    /// <summary>Applies one batch.</summary>
    void OnUpdate(MonitorUpdate update);
}
