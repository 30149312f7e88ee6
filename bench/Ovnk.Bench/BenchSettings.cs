namespace Ovnk.Bench;

/// <summary>How much work one <c>ovnk bench ovsdb</c> run does.</summary>
/// <param name="Transactions">Single-port insert transactions per client and mode against the standalone server.</param>
/// <param name="ClusterTransactions">The same against the 3-member RAFT cluster.</param>
/// <param name="LoadRows">Logical_Switch_Port rows for the initial-monitor-load figure (200k in a full run).</param>
/// <param name="Window">Transactions in flight in the pipelined mode.</param>
public sealed record BenchSettings(int Transactions, int ClusterTransactions, int LoadRows, int Window = 64)
{
    /// <summary>The full run: about two minutes on a 2-core machine.</summary>
    public static BenchSettings Full { get; } = new(5_000, 2_000, 200_000);

    /// <summary>A smoke run that checks every part works, in seconds.</summary>
    public static BenchSettings Quick { get; } = new(200, 100, 2_000);

    /// <summary>Ports per switch stay small (a big <c>ports</c> set makes every mutate slower for every client).</summary>
    public int Switches => Math.Max(1, Math.Min(50, Transactions / 20));

    /// <summary>Unmeasured transactions before each timed run (JIT, connection warm-up).</summary>
    public int WarmUp(int transactions) => Math.Clamp(transactions / 10, 10, 300);
}
