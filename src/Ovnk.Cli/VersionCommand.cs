using System.CommandLine;
using System.Reflection;

namespace Ovnk.Cli;

/// <summary><c>ovnk version</c>: prints the build's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Ovnk version.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine($"ovnk {version}");
            return 0;
        });
        return command;
    }
}
