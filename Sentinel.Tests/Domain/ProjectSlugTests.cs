using Sentinel.Domain.Projects;

namespace Sentinel.Tests.Domain;

public sealed class ProjectSlugTests
{
    [Theory]
    [InlineData("Shop API", "shop-api")]
    [InlineData("  Ünïcode & Co. 2026 ", "unicode-co-2026")]
    [InlineData("---", "project")]
    [InlineData("a--b", "a-b")]
    public void FromName_MakesAUrlSafeSlug(string name, string expected) =>
        Assert.Equal(expected, ProjectSlug.FromName(name));

    [Fact]
    public void FromName_CapsTheLength()
    {
        var slug = ProjectSlug.FromName(new string('x', 500));

        Assert.Equal(Project.SlugMaxLength, slug.Length);
    }
}
