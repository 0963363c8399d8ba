using Sentinel.Web.Components.Pages.Analytics;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The analytics dashboard's environment filter: seen plus declared plus chosen, once each, sorted.</summary>
public sealed class EnvironmentChoicesTests
{
    [Fact]
    public void Of_SeenAndDeclaredOverlap_OffersEachOnceSorted()
    {
        var choices = EnvironmentChoices.Of(["production", "staging"], ["staging", "canary", "dev"], chosen: null);

        Assert.Equal(["canary", "dev", "production", "staging"], choices);
    }

    [Fact]
    public void Of_DeclaredWithoutTraffic_IsOfferedEvenWhenNothingWasSeen()
    {
        Assert.Equal(["qa"], EnvironmentChoices.Of([], ["qa"], chosen: null));
    }

    [Fact]
    public void Of_ChosenNeitherSeenNorDeclared_StaysChoosable()
    {
        Assert.Equal(["old-env", "production"], EnvironmentChoices.Of(["production"], [], chosen: "old-env"));
    }

    [Fact]
    public void Of_NamesDifferingOnlyInCase_AreKeptApartAsInTheEvents()
    {
        var choices = EnvironmentChoices.Of(["Prod", "beta"], ["prod"], chosen: null);

        Assert.Equal(["beta", "Prod", "prod"], choices);
    }
}
