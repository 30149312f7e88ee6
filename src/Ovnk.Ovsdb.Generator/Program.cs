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
var writing = false;
try
{
    var schema = DatabaseSchema.Load(schemaPath);
    var files = SchemaGenerator.Generate(schema, ns, Path.GetFileName(schemaPath));
    writing = true; // everything is generated in memory first, so only an I/O error from here on leaves a partial output
    await GeneratedFiles.WriteAsync(files, outDir);
    Console.WriteLine($"{schema.Name} {schema.Version}: {files.Count} files in {outDir}");
    return 0;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or OvsdbProtocolException
    or GeneratorException or System.Text.Json.JsonException)
{
    var state = writing ? $"{outDir} may be incomplete: fix the cause and run again." : "Nothing was written.";
    Console.Error.WriteLine($"Ovnk.Ovsdb.Generator: {schemaPath}: {e.Message} {state} Pass an OVSDB schema file " +
        "(RFC 7047 §3.2), e.g. /usr/share/ovn/ovn-nb.ovsschema, and a writable output directory.");
    return 1;
}
