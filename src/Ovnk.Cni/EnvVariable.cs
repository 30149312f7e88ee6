using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// One row of the declared environment table: a CNI variable, the commands that require it, and the check its value
/// must pass (null when any value is fine). See <see cref="EnvTable"/>.
/// </summary>
internal sealed record EnvVariable(string Name, IReadOnlySet<CniCommand> RequiredFor, Func<string, CniError?>? Validate)
{
    public bool IsRequiredFor(CniCommand command) => RequiredFor.Contains(command);
}
