using Kiln.Phases.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Tests.Config;

public class YamlWriterTests
{
    [Theory]
    [InlineData("0x10")]
    [InlineData("0o17")]
    [InlineData("017")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("Off")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1.31")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("a: b")]
    [InlineData("- item")]
    [InlineData("*star")]
    public void Quote_ValueThatWouldChangeType_IsQuotedAndReadsBackTheSame(string value)
    {
        var quoted = YamlWriter.Quote(value);

        Assert.NotEqual(value, quoted, StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader($"k: {quoted}\n"));
        var node = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("k")];
        Assert.Equal(value, node.Value);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, node.Style);
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("10.96.0.0/12")]
    [InlineData("unix:///var/run/containerd/containerd.sock")]
    [InlineData("system:bootstrappers:kubeadm:default-node-token")]
    [InlineData("registry.k8s.io")]
    [InlineData("-flag")]
    public void Quote_PlainString_StaysPlain(string value) => Assert.Equal(value, YamlWriter.Quote(value));
}
