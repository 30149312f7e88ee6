using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tests;

/// <summary>The pure rules of graceful pod deletion (pod strategy CheckGracefulDelete + rest.BeforeDelete).</summary>
public sealed class GracefulDeletionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("bound pod, no request: the pod's own grace", """{"spec":{"nodeName":"n1","terminationGracePeriodSeconds":7}}""", null, 7)]
    [InlineData("bound pod, no request, no spec value: 30", """{"spec":{"nodeName":"n1"}}""", null, 30)]
    [InlineData("bound pod, request wins", """{"spec":{"nodeName":"n1","terminationGracePeriodSeconds":7}}""", 2L, 2)]
    [InlineData("--force --grace-period=0", """{"spec":{"nodeName":"n1"}}""", 0L, 0)]
    [InlineData("never scheduled: nobody would finish it", """{"spec":{"terminationGracePeriodSeconds":7}}""", null, 0)]
    [InlineData("succeeded pod", """{"spec":{"nodeName":"n1"},"status":{"phase":"Succeeded"}}""", null, 0)]
    [InlineData("failed pod", """{"spec":{"nodeName":"n1"},"status":{"phase":"Failed"}}""", 9L, 0)]
    [InlineData("negative request is 0", """{"spec":{"nodeName":"n1"}}""", -5L, 0)]
    public void PodGracePeriod(string name, string pod, long? requested, long expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(expected, GracefulDeletion.PodGracePeriod((JsonObject)JsonNode.Parse(pod)!, requested));
    }

    [Theory]
    [InlineData("first delete marks now + grace", """{"metadata":{}}""", 30L, "Mark", "2026-11-23T12:00:30Z", 30L)]
    [InlineData("grace 0 deletes now", """{"metadata":{}}""", 0L, "DeleteNow", null, null)]
    [InlineData("grace 0 on a terminating pod deletes now", """{"metadata":{"deletionTimestamp":"2026-11-23T12:00:20Z","deletionGracePeriodSeconds":30}}""", 0L, "DeleteNow", null, null)]
    [InlineData("a longer grace does not extend", """{"metadata":{"deletionTimestamp":"2026-11-23T12:00:20Z","deletionGracePeriodSeconds":30}}""", 60L, "Unchanged", null, null)]
    [InlineData("the same grace changes nothing", """{"metadata":{"deletionTimestamp":"2026-11-23T12:00:20Z","deletionGracePeriodSeconds":30}}""", 30L, "Unchanged", null, null)]
    [InlineData("a shorter grace counts from the first request", """{"metadata":{"deletionTimestamp":"2026-11-23T12:00:20Z","deletionGracePeriodSeconds":30}}""", 5L, "Mark", "2026-11-23T11:59:55Z", 5L)]
    public void Decide(string name, string pod, long period, string action, string? deadline, long? grace)
    {
        Assert.False(string.IsNullOrEmpty(name));
        var decision = GracefulDeletion.Decide((JsonObject)JsonNode.Parse(pod)!, period, Now);
        Assert.Equal(action, decision.Action.ToString());
        Assert.Equal(deadline, decision.Marked?["metadata"]?["deletionTimestamp"]?.GetValue<string>());
        Assert.Equal(grace, decision.Marked?["metadata"]?["deletionGracePeriodSeconds"]?.GetValue<long>());
    }
}
