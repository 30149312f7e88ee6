namespace Ovnk.Cni.Protocol;

/// <summary>The wire spelling of <see cref="CniCommand"/> (the value of <c>CNI_COMMAND</c>).</summary>
public static class CniCommandNames
{
    public static bool TryParse(string text, out CniCommand command)
    {
        // The spec spells commands in upper case and libcni sends exactly that; "add" is not a command.
        switch (text)
        {
            case "ADD": command = CniCommand.Add; return true;
            case "DEL": command = CniCommand.Del; return true;
            case "CHECK": command = CniCommand.Check; return true;
            case "GC": command = CniCommand.Gc; return true;
            case "STATUS": command = CniCommand.Status; return true;
            case "VERSION": command = CniCommand.Version; return true;
            default: command = default; return false;
        }
    }

    public static string ToWire(CniCommand command) => command switch
    {
        CniCommand.Add => "ADD",
        CniCommand.Del => "DEL",
        CniCommand.Check => "CHECK",
        CniCommand.Gc => "GC",
        CniCommand.Status => "STATUS",
        CniCommand.Version => "VERSION",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a CNI command"),
    };
}
