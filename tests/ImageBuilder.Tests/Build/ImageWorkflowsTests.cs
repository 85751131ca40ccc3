using Kiln.ImageBuilder.Build;
using Kiln.Phases;
using Kiln.Phases.Workflow;

namespace Kiln.ImageBuilder.Tests.Build;

public class ImageWorkflowsTests
{
    [Fact]
    public void ControlPlane_ReusesEveryInitPhaseObject()
    {
        var shared = ImageWorkflows.ControlPlane.Phases.Where(p => !p.Id.Value.StartsWith("image/", StringComparison.Ordinal)).ToList();

        Assert.Equal(Workflows.Init.Phases.Count, shared.Count);
        Assert.All(shared.Zip(Workflows.Init.Phases), pair => Assert.True(ReferenceEquals(pair.First, pair.Second), $"{pair.First.Id} is a copy, not the init phase"));
    }

    [Fact]
    public void Worker_ReusesEveryJoinPhaseObject()
    {
        var shared = ImageWorkflows.Worker.Phases.Where(p => !p.Id.Value.StartsWith("image/", StringComparison.Ordinal)).ToList();

        Assert.Equal(Workflows.Join.Phases.Count, shared.Count);
        Assert.All(shared.Zip(Workflows.Join.Phases), pair => Assert.True(ReferenceEquals(pair.First, pair.Second), $"{pair.First.Id} is a copy, not the join phase"));
    }

    [Fact]
    public void ImageOnlyPhases_NeedAnImageBuild()
    {
        var imageOnly = ImageWorkflows.ControlPlane.Phases.Concat(ImageWorkflows.Worker.Phases).Where(p => p.Id.Value.StartsWith("image/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(imageOnly);
        Assert.All(imageOnly, p => Assert.Equal(Capabilities.ImageStaging, p.Needs & Capabilities.ImageStaging));
    }
}
