using System.Runtime.InteropServices;
using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>
/// Starts processes with posix_spawn(3) — never fork() from .NET, whose runtime threads a forked child would not
/// have. File actions place stdin/stdout/stderr (pipes, files, a terminal slave), change directory and close every
/// other descriptor; attributes reset signal dispositions and the mask (.NET ignores SIGPIPE, and an ignored
/// disposition survives exec) and start a new session when asked or for a terminal. glibc runs setsid before the
/// file actions, so opening the terminal slave there makes it the session's controlling terminal (credentials(7)).
/// Namespaces are entered by exec'ing util-linux nsenter as a prefix.
/// </summary>
public static unsafe class ProcessSpawner
{
    /// <summary>Starts <paramref name="options"/>.Command; throws <see cref="SystemCallException"/> (ENOENT: not found).</summary>
    public static SpawnedProcess Spawn(SpawnOptions options)
    {
        if (options.Command.Count == 0 || options.Command[0].Length == 0)
        {
            throw new SystemCallException(Errno.None, "spawn", null, "an empty command was given: name the program to run");
        }
        var entering = options.Namespaces is { IsEmpty: false };
        var argv = entering ? options.Namespaces!.NsenterPrefix(options.WorkingDirectory, options.Command) : options.Command;
        var environment = options.Environment ?? CurrentEnvironment();
        var program = Resolve(argv[0], entering ? null : environment.GetValueOrDefault("PATH"));
        var terminal = new[] { options.Stdin, options.Stdout, options.Stderr }.Any(t => t is StdioTarget.TerminalTarget);
        using var plan = new StdioPlan();
        var actions = stackalloc byte[Libc.SpawnFileActionsSize];
        var attr = stackalloc byte[Libc.SpawnAttrSize];
        Check(Libc.SpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
        Check(Libc.SpawnAttrInit(attr), "posix_spawnattr_init");
        try
        {
            plan.Add(actions, 0, options.Stdin, input: true);
            plan.Add(actions, 1, options.Stdout, input: false);
            plan.Add(actions, 2, options.Stderr, input: false);
            if (options.WorkingDirectory is not null && !entering)
            {
                Check(Libc.SpawnFileActionsAddChdir(actions, options.WorkingDirectory), "posix_spawn_file_actions_addchdir_np");
            }
            Check(Libc.SpawnFileActionsAddCloseFrom(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
            var newSession = options.NewSession || terminal;
            SetAttributes(attr, newSession);
            var pid = SpawnCore(program, argv, environment, actions, attr);
            return new SpawnedProcess(pid, newSession, plan.TakeStdin(), plan.TakeStdout(), plan.TakeStderr());
        }
        finally
        {
            Libc.SpawnFileActionsDestroy(actions);
            Libc.SpawnAttrDestroy(attr);
        }
    }

    /// <summary>The full path of <paramref name="file"/> along <paramref name="path"/> (null: already absolute or nsenter's own lookup).</summary>
    internal static string Resolve(string file, string? path)
    {
        if (file.Contains('/', StringComparison.Ordinal))
        {
            return file;
        }
        foreach (var dir in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin").Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new SystemCallException(Errno.ENOENT, "exec", file, "executable file not found in $PATH");
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            result[(string)e.Key] = (string?)e.Value ?? "";
        }
        return result;
    }

    private static void SetAttributes(byte* attr, bool newSession)
    {
        var empty = stackalloc byte[Libc.SigSetSize];
        var all = stackalloc byte[Libc.SigSetSize];
        Libc.SigEmptySet(empty);
        Libc.SigEmptySet(all);
        for (var signal = 1; signal < 65; signal++)
        {
            if (signal is not (9 or 19))
            {
                Libc.SigAddSet(all, signal); // glibc refuses its internal signals (32, 33): they stay as they are.
            }
        }
        Check(Libc.SpawnAttrSetSigMask(attr, empty), "posix_spawnattr_setsigmask");
        Check(Libc.SpawnAttrSetSigDefault(attr, all), "posix_spawnattr_setsigdefault");
        var flags = (short)(Libc.PosixSpawnSetSigDef | Libc.PosixSpawnSetSigMask | (newSession ? Libc.PosixSpawnSetSid : 0));
        Check(Libc.SpawnAttrSetFlags(attr, flags), "posix_spawnattr_setflags");
    }

    private static int SpawnCore(string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, byte* actions, byte* attr)
    {
        var strings = new List<nint>();
        try
        {
            nint Utf8(string s)
            {
                var p = Marshal.StringToCoTaskMemUTF8(s);
                strings.Add(p);
                return p;
            }
            var argvArray = stackalloc byte*[argv.Count + 1];
            for (var i = 0; i < argv.Count; i++)
            {
                argvArray[i] = (byte*)Utf8(argv[i]);
            }
            argvArray[argv.Count] = null;
            var envArray = new nint[environment.Count + 1];
            var j = 0;
            foreach (var (key, value) in environment)
            {
                envArray[j++] = Utf8($"{key}={value}");
            }
            fixed (nint* envp = envArray)
            {
                int pid;
                var error = Libc.PosixSpawn(&pid, (byte*)Utf8(program), actions, attr, argvArray, (byte**)envp);
                if (error != 0)
                {
                    throw new SystemCallException((Errno)error, "spawn", program,
                        error == (int)Errno.ENOENT ? "the program or a file named for stdio does not exist" : null);
                }
                return pid;
            }
        }
        finally
        {
            foreach (var p in strings)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new SystemCallException((Errno)error, call, null);
        }
    }
}
