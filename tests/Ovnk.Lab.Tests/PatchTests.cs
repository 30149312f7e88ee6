using System.Text.Json.Nodes;
using Ovnk.Lab.Http;
using Ovnk.Lab.Patch;

namespace Ovnk.Lab.Tests;

/// <summary>The three patch formats on the shapes kubectl produces.</summary>
public sealed class PatchTests
{
    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Theory]
    [InlineData("replace a value", """{"a":1,"b":{"c":2}}""", """{"a":3}""", """{"a":3,"b":{"c":2}}""")]
    [InlineData("null deletes", """{"a":1,"b":{"c":2}}""", """{"b":{"c":null}}""", """{"a":1,"b":{}}""")]
    [InlineData("arrays replace", """{"l":[1,2]}""", """{"l":[3]}""", """{"l":[3]}""")]
    public void MergePatch_FollowsRfc7386(string name, string target, string patch, string expected)
    {
        Assert.NotEmpty(name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))));
    }

    [Fact]
    public void JsonPatch_AddReplaceRemoveTest_AppliesInOrder()
    {
        var result = JsonPatch.Apply(Obj("""{"a":{"b":1},"l":[1,2]}"""), JsonNode.Parse("""
            [{"op":"test","path":"/a/b","value":1},{"op":"replace","path":"/a/b","value":5},
             {"op":"add","path":"/l/-","value":3},{"op":"remove","path":"/l/0"},{"op":"add","path":"/a~1x","value":true}]
            """));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{"b":5},"l":[2,3],"a/x":true}"""), result));
    }

    [Fact]
    public void JsonPatch_FailedTest_Is422()
    {
        var error = Assert.Throws<ApiException>(() => JsonPatch.Apply(Obj("""{"a":1}"""), JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")));
        Assert.Equal(422, error.Code);
    }

    [Fact]
    public void StrategicMerge_ContainersMergeByName_AsKubectlSetImageSends()
    {
        var deployment = Obj("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:1","ports":[{"containerPort":80}]},{"name":"b","image":"y:1"}]}}}}""");
        var patch = Obj("""{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"y:2"}],"$setElementOrder/containers":[{"name":"a"},{"name":"b"}]}}}}""");
        var result = StrategicMergePatch.Apply(deployment, patch);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:1","ports":[{"containerPort":80}]},{"name":"b","image":"y:2"}]}}}}"""),
            result));
    }

    [Fact]
    public void StrategicMerge_DeleteDirectiveAndRetainKeys_RemoveWhatTheyName()
    {
        var original = Obj("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},"metadata":{"finalizers":["x"]}}""");
        var patch = Obj("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},"env":[{"name":"A","$patch":"delete"}]},"metadata":{"finalizers":["y"]}}""");
        var result = StrategicMergePatch.Apply(original, patch);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"spec":{"strategy":{"type":"Recreate"},"env":[{"name":"B","value":"2"}]},"metadata":{"finalizers":["x","y"]}}"""), result));
    }

    [Fact]
    public void StrategicMerge_ServicePortsMergeByPort()
    {
        var result = StrategicMergePatch.Apply(Obj("""{"spec":{"ports":[{"port":80,"name":"http"},{"port":443}]}}"""),
            Obj("""{"spec":{"ports":[{"port":443,"name":"https"}]}}"""));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}}"""), result));
    }
}
