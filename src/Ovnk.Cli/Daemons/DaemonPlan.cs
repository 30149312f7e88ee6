namespace Ovnk.Cli.Daemons;

/// <summary>
/// What <c>ovnk daemon COMPONENT</c> does, as data: directories to create, database files to create or convert,
/// daemons to start in order (each waited for before the next), with their environment. Built purely by
/// <see cref="DaemonPlans"/>; run by <see cref="DaemonSupervisor"/>.
/// </summary>
internal sealed record DaemonPlan(
    DaemonComponent Component,
    IReadOnlyList<string> Directories,
    IReadOnlyList<DatabaseFile> Databases,
    IReadOnlyList<DaemonStage> Stages,
    IReadOnlyDictionary<string, string> Environment);
