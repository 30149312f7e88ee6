namespace Ovnk.Kube.Tests.Fake;

/// <summary>What the fake API server does wrong; tests flip these while informers run.</summary>
public sealed class FakeFaults
{
    /// <summary>End every watch stream after this many events (null: never).</summary>
    public int? DropWatchAfterEvents { get; set; }

    /// <summary>Answer this many upcoming watches with an in-stream ERROR 410 Gone and close.</summary>
    public int GoneOnNextWatches { get; set; }

    /// <summary>Answer this many upcoming watches with HTTP 410 Gone (no stream).</summary>
    public int HttpGoneOnNextWatches { get; set; }

    /// <summary>Delay before answering any list or watch.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Send every watch event twice.</summary>
    public bool DuplicateEvents { get; set; }

    /// <summary>After each event, resend the one before it (an out-of-order stale replay).</summary>
    public bool ReplayPrevious { get; set; }

    /// <summary>Send a BOOKMARK with the current resourceVersion after each burst of events and when a watch opens.</summary>
    public bool Bookmarks { get; set; }

    /// <summary>Lease writes whose holderIdentity is this value fail with 500 (a leader that cannot renew).</summary>
    public string? FailLeaseWritesBy { get; set; }
}
