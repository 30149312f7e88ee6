using Ovnk.Cni;

// The runtime gives no cancellation; SIGTERM from it ends the process, and the agent side has its own timeout.
await using var stdin = Console.OpenStandardInput();
await using var stdout = Console.OpenStandardOutput();
var dispatcher = new CniDispatcher(Environment.GetEnvironmentVariable, stdin, stdout, Console.Error);
return await dispatcher.RunAsync(CancellationToken.None);
