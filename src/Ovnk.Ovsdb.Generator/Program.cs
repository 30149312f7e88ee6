using Ovnk.Ovsdb;
using Ovnk.Ovsdb.Generator;
using Ovnk.Ovsdb.Schema;

// Usage: Ovnk.Ovsdb.Generator <schema.ovsschema> <outdir> <namespace>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Ovnk.Ovsdb.Generator <schema.ovsschema> <outdir> <namespace>");
    return 2;
}
var (schemaPath, outDir, ns) = (args[0], args[1], args[2]);
try
{
    var schema = DatabaseSchema.Load(schemaPath);
    var files = SchemaGenerator.Generate(schema, ns, Path.GetFileName(schemaPath));
    await GeneratedFiles.WriteAsync(files, outDir);
    Console.WriteLine($"{schema.Name} {schema.Version}: {files.Count} files in {outDir}");
    return 0;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or OvsdbProtocolException
    or GeneratorException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"Ovnk.Ovsdb.Generator: {schemaPath}: {e.Message}");
    return 1;
}
