namespace Ovnk.Lab.Cluster;

/// <summary>Where `lab up/down` report their steps (the CLI prints them with timings; tests collect them).</summary>
public interface ILabProgress
{
    /// <summary>A step finished; <paramref name="detail"/> says what it did ("3 nodes", "already running").</summary>
    void StepDone(string step, TimeSpan elapsed, string? detail);

    /// <summary>A line of information (a warning, a wait that takes long).</summary>
    void Info(string message);
}
