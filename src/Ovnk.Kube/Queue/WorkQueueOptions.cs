namespace Ovnk.Kube.Queue;

/// <summary>Workers and retry policy of a <see cref="WorkQueue{TKey}"/> (client-go's defaults: 5 ms doubling to 1000 s; ovn-k retries 15 times).</summary>
public sealed record WorkQueueOptions
{
    /// <summary>How many keys are reconciled at once (never the same key twice at once).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>The delay before the first retry; doubles per failure of the same key.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The largest retry delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first failure before the key is given up (until it is added again).</summary>
    public int MaxRetries { get; init; } = 15;
}
