namespace Ovnk.Bench.Controller;

/// <summary>The controller benchmark's sizes (the issue: 5,000 pods over 50 nodes, open loop at 100 pods/s).</summary>
public sealed record ControllerBenchSettings(int Nodes, int Pods, int PodsPerSecond, int BurstPods, int RawTransactions)
{
    /// <summary>The sizes.</summary>
    public static ControllerBenchSettings Full { get; } = new(50, 5000, 100, 1000, 2000);

    /// <summary>A smoke run.</summary>
    public static ControllerBenchSettings Quick { get; } = new(5, 200, 100, 100, 300);
}
